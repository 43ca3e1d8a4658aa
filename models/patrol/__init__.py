"""Window patrols (窗口巡查): the patrol register — each patrol a case of kind "patrol" with the windows
visited and the findings, whose deductions name it as their source; a working day with fewer than
two patrols flagged; each month summarised and fed back to the windows.

窗口巡查制度 一: 窗口管理科负责…日常监督检查; 二: 不定时巡查（每天两次巡查）与随机抽查（不定时通过监控
系统）相结合; 三: 着装、服务规范、服务礼仪、服务环境、电子评价器显示情况; 四: 每月月末梳理汇总本月巡查情况，
将在巡查中发现的问题反馈给各窗口; 五: 巡查结果作为窗口及工作人员年度考核和评优的重要依据.
窗口禁烟制度 二.2: 吸烟的予以扣分，并取消其参加评优的资格.
"""
