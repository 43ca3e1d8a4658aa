"""The API for the source systems (12345 hotline work orders, 好差评 ratings): keys, what is received,
the call log and the results sent back (投诉处置规定 二, 三(二)2, 三(二)3, 三(一)2)."""
