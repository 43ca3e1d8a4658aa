"""The clerks' web desk (窗口工作台): server-rendered pages over the case store and the flows."""
