"""Staff return (退回): the center returns a window staff member to their home department.

窗口工作人员进出管理制度 三: 窗口工作人员有下列情形之一的，将被退回 (1 不遵守工作纪律、不服从管理,
2 服务态度差、服务质量低、不能胜任, 3 涉嫌违纪违规、造成不良影响); 中心发出《窗口工作人员退回函》通知
派驻部门，派驻部门拟定新派驻工作人员报中心，同时对退回人员作问责处理.
窗口投诉(差评)处置规定 三(三)2: 被投诉三次以上并经查属实的 … 退回原部门 (opened automatically).
服务承诺制度 7: 取消评优资格. AB岗工作制度 2: the returned person's work goes to their B post.

machine.py the states and transitions; rules.py the pure checks; tables.py its tables; inputs.py the
proposal, the decision forms and their guards; store.py its reads and writes on the session.
"""
