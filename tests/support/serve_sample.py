"""`center serve` with the foundation sample procedure registered, for the scale test.

The runner starts each flow run in a spawned process, which imports this module again (as
`__mp_main__`), so the sample procedure is registered there too. A real procedure needs none of
this: its scale scenario serves `deployments.cli` itself (see tests/e2e/test_scale_path.py)."""
import support.sample_procedure  # noqa: F401

if __name__ == "__main__":
    from deployments.cli import main

    main()
