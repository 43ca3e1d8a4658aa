"""Complaint and bad-rating handling (投诉/差评), 窗口投诉(差评)处置规定: a complaint from any channel
(二) is registered with its time limit (三(二)1–3), investigated and answered by the window concerned
(三(一)), a 1–2 star rating's reply reviewed by the management section and posted by the complaint
window (三(一)2, 三(二)3), and closed with its outcome: deductions, award eligibility, the staff-return
trigger (三(三); 服务承诺制度 7; 窗口工作人员进出管理制度 三). The monthly and annual 好差评
statistics: 三(一)2.

machine.py (states, transitions, the next event), rules.py (pure rules: channels, deadlines,
extension, outcome, intake checks), stats.py (pure statistics), inputs.py (what people fill in),
tables.py, store.py (queries, the facts), deadlines.py (the sweep's own rule).
"""
