"""`python -m deployments.demo` (make demo)."""
from deployments.demo.run import main

main()
