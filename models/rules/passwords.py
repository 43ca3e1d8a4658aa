"""The desk's password rule: what a log-in password must be, with its reasons in Chinese.

IT设备使用管理规定 二(二)2: 所有工作人员必须妥善保管各自的……信息系统帐号、密码,防止丢失……严防外泄于他人,
同时不得使用他人帐号、密码登录 — a password others can guess (a common one, the person's own 工号) is one
others can use. The lengths are security settings of the desk, not numbers of the regulations.

Pure: the password and the staff number are passed in; the common passwords are the list below.
"""
from __future__ import annotations

MIN_LENGTH = 10
MAX_LENGTH = 128

# The most used passwords of public leak lists (and their Chinese favourites); compared case-insensitively.
COMMON_PASSWORDS = frozenset("""
123456 1234567 12345678 123456789 1234567890 12345678910 0123456789 9876543210 0987654321
111111 1111111 11111111 111111111 1111111111 000000 00000000 0000000000 666666 66666666 888888 88888888
8888888888 6666666666 5201314 5201314520 1314520 123123 123123123 1231231234 123321 12344321 654321
112233 11223344 1122334455 147258369 159357 159753 147852369 123654789 123qwe 123qweasd 1q2w3e4r
1q2w3e4r5t 1qaz2wsx 1qaz2wsx3edc 1qazxsw2 qwerty qwerty123 qwertyuiop qwe123 qweasd qweasdzxc
qweasdzxc123 asdfghjkl asdf1234 zxcvbnm zxcvbnm123 abc123 abc12345 abcd1234 abcd12345 a123456
a12345678 a123456789 aa123456 aa12345678 abcdefg abcdefgh abcdefghij abcabc abc123456
password password1 password12 password123 passw0rd p@ssw0rd p@ssword admin admin123 admin1234
admin12345 administrator root123 root1234 test1234 test123456 welcome welcome1 welcome123 letmein
iloveyou iloveyou1 woaini woaini123 woaini1314 woaini520 monkey dragon football baseball sunshine
princess master superman batman trustno1 shadow michael qazwsx qazwsxedc 147258 258369 789456123
123456abc 123456aa 123456qwe 1234qwer qwer1234 zaq12wsx zhang123 wang123456 li123456 liu123456
chen123456 huang123456 zhangsan lisi123456 changeme changeme123 default default123 guest guest123
computer internet secret secret123 china123 china123456 beijing shanghai shanghai123 qingpu
qingpu123 zhengwu zhengwu123 zwfw123456 admin888 admin666 a1b2c3d4 a1b2c3d4e5 1a2b3c4d 1a2b3c4d5e
""".split())

TOO_SHORT = f"至少 {MIN_LENGTH} 个字符"
TOO_LONG = f"最多 {MAX_LENGTH} 个字符"
SPACES = "首尾不能有空格"
CONTAINS_STAFF_ID = "不能包含本人工号"
COMMON = "是常见密码，容易被猜中"
ONE_CHARACTER = "不能只由同一个字符重复组成"


def password_problems(password: str, staff_id: str = "") -> list[str]:
    """Why `password` may not be `staff_id`'s log-in password (IT设备使用管理规定 二(二)2), in Chinese;
    empty when it may be."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(TOO_SHORT)
    if len(password) > MAX_LENGTH:
        problems.append(TOO_LONG)
    if password != password.strip():
        problems.append(SPACES)
    if staff_id and staff_id.lower() in password.lower():
        problems.append(CONTAINS_STAFF_ID)
    if password.lower() in COMMON_PASSWORDS:
        problems.append(COMMON)
    if password and len(set(password)) == 1:
        problems.append(ONE_CHARACTER)
    return problems
