# comment

   # indented comment
x = 1  # trailing


