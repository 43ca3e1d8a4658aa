"""Attendance (考勤): the clock records of the center's face-recognition / fingerprint system imported,
the day's exceptions computed from them, and each unexcused exception explained with its proof,
registered by the window head and reviewed by the management section — or counted 未正常考勤.

窗口工作人员考勤办法 二(一)1: 对外办公时间 上午8:30—12:00, 下午1:00(夏令时1:30)—5:00, 11:30—12:00 延时服务;
二(一)2: 每天考勤两次，上午8:30前签到，下午5:00后签退; 二(一)3: 晚签到、未签到、早签退、未签退均需提供
相关证明，并做好记录; 二(一)4: 延时服务人员可按延时时间提前下班; 二(一)6: 窗口负责人两个工作日内登记，
窗口管理科审核; 二(三)1: 未在规定时间内提交相应证明的，一律视作未正常考勤，按相关规定予以扣分.
"""
