s = r'\n\q' R"\x"
