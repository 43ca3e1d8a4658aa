"""The lunch-service roster (延时服务人员安排表, 窗口工作人员考勤办法 二(一)4): the head of a window with
lunch-time service files a month's roster — who serves 11:30–12:00 on each working day — the
management section reviews it (二(一)6: 由窗口管理科负责审核) and registers it; each person is told the
working day before their turn, and on their day may clock out early by the service time (the
attendance procedure asks `serving_on` through the list of procedures, hook `lunch_service`).

二(一)1: 上午11:30—12:00为窗口延时服务时间; 二(一)4: 中午提供延时服务的窗口，视各自实际情况，制定延时服务
人员安排表，并落实相关工作人员。中午实行延时服务的窗口工作人员可按延时时间提前下班，做好签退，并及时在
考勤管理系统做好记录; 进出管理制度 二.3: 原则上不允许实习生单独受理业务.
"""
