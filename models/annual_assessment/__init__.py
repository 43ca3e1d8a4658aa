"""The annual assessment (年度考核): windows, staff and window heads ranked from the point-deduction
ledger, the award eligibility withdrawn with its source case, and — once the year is over — the
heads' ranking recorded for the window-head rule. Not a case kind: the management section runs it.

考勤办法 二(三)2; 投诉处置规定 三(三)3; 窗口巡查制度 五; 学习培训制度 三.2; IT设备使用管理规定 二(三)6;
窗口禁烟制度 二.2; 派驻部门窗口负责人岗位职责 5 (配合中心做好年度考核), 7 (连续两年最后三名的，需重新
调整窗口负责人).
"""
