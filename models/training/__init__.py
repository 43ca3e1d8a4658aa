"""Training sessions (学习培训): each a case of kind "training" with the staff expected, the leave asked
in advance and the roll call; absences without reason deducted; attendance figures per staff member
and per window.

窗口工作人员学习培训制度 一: 派驻中心各窗口工作人员; 二: 政治理论、法规制度、服务礼仪、业务技能;
三.1: 学习培训实行点名制; 三.2: 因故不能参加学习培训的，应事先向组织学习培训的科室请假，无故不参加
学习的，按规定扣分.
"""
