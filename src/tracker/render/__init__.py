"""render: tables and documents -> the bytes of one format.

Text, Markdown, CSV and JSON (``text``), the terminal (``terminal``, rich), the HTML page (``page``), workbooks
(``workbook``, ``form``), Word documents (``document``), CODEOWNERS (``codeowners``), and the report in any
format (``publish``, ``levels``). The only package that imports rich, tabulate, wcwidth, python-docx or
openpyxl's writer, each inside the function that needs it.

Imports: views and everything below.
"""
