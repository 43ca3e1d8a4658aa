"""The flows. Importing any of them runs this process's flows without heartbeats and keeps
refusals (CenterError) out of Prefect's console output (see prefect_runtime)."""
from flows.core.prefect_runtime import disable_flow_heartbeats, quiet_refusals

disable_flow_heartbeats()
quiet_refusals()
