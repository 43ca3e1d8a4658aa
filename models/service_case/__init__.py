"""Service cases at the window (窗口办件): 首问负责制度 (the first staff member asked owns the case; a
matter of another window is referred, 二.3), 一次性告知制度 (every missing material listed at once in
writing, 2, 4), 限时办结制度 (即办件 at once, 承诺件 within the promised working days, an extension only
with a reason and the applicant's consent, 1–5).

machine.py (states, transitions, the next event), rules.py (pure checks and the month's summary),
inputs.py (what people fill in), tables.py, store.py (queries, the facts and effects of a step),
deadlines.py (the sweep's own rule).
"""
