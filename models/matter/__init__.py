"""Matters (事项): the list of matters served at the center's windows and their service guides.

事项进驻、退出、调整规定 1–5: a department applies to onboard, change, cancel or withdraw a matter
(kind "matter": filed → 一次性告知 when the guide has gaps (一次性告知制度 2) → the district office
forwards or returns → the management section approves or rejects → the list and the published guide
are updated, every guide version kept); the list is reviewed each quarter (规定 2, kind "matter_review":
every window and each department's branch windows confirm their part).

machine.py the two procedures' states and transitions; rules.py the pure checks; inputs.py the request
form and its loading; tables.py the list, the guide versions, the requests; store.py the list on the
session; guides.py reading the current guides; review.py who confirms which part of the list.
"""
