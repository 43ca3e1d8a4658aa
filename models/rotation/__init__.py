"""The staffing procedures of the windows (窗口工作人员进出管理制度; 派驻部门窗口负责人岗位职责):

- rotation (调整/轮换, 进出管理制度 二.1–二.4): the department's written notice (公函), the checks
  (notice period, quarter month, 30% cap, 2-year posting, qualification), the management section's
  review, the 调离申请表, the roster change on the effective date, the B posts re-checked;
- secondment (短期借调, 进出管理制度 四.2): the center consents, the staff record follows the dates;
- intern (实习生进驻, 进出管理制度 二.3): the window head reports, the center consents, the intern is entered;
- head_replacement (窗口负责人岗位职责 7): a head in the bottom three two years running is replaced by
  the department's nomination (the ranking of the annual assessment, `center assessment import`).

machine.py: the four transition tables; rules.py: the pure checks; tables.py, inputs.py (FORMS,
GUARDS), store.py, deadlines.py (the sweep's reminder).
"""
