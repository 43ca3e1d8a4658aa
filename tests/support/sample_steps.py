"""The entrypoint of the scale test's step deployment: `decide_work_item` with the sample
procedure registered. Each served run starts a fresh `python -m prefect.engine`, which loads the
flow from this file, so the import below registers the sample there too."""
import support.sample_procedure  # noqa: F401
from flows.core.decide import decide_work_item  # noqa: F401
