"""Leave (请假), the 调休日程表 and the B post who covers (窗口工作人员考勤办法 二(一)5, 二(一)6, 二(二),
二(三); 窗口工作人员AB岗工作制度 1, 2, 4, 8).

Half a day → registered in attendance with its proof; one day or more (outings arranged by the
center excepted) → the 请假报告单 signed by the window head, reviewed by the management section,
then registered (考勤办法 二(二)2). The pieces: machine.py (states, the pure next step), rules.py
(pure checks), inputs.py (forms), tables.py, store.py (reads and writes), deadlines.py (the sweep's
rules and the recomputation on a calendar import).
"""
