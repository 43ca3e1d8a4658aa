"""The flows. Importing any of them runs this process's flows without heartbeats (see prefect_runtime)."""
from flows.prefect_runtime import disable_flow_heartbeats

disable_flow_heartbeats()
