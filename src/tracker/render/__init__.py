"""render: tables and documents -> the bytes of one format.

``formats`` holds one module per output format, each with one function per document it renders, reached
through the table of formats (``core.formats``). Below them: text, Markdown, CSV and JSON (``text``), the
terminal (``terminal``, rich), the HTML page (``page``), workbooks (``workbook``, ``form``), Word documents
(``document``), CODEOWNERS (``codeowners``), and what the report's formats share (``publish``, ``levels``).
The only package that imports rich, tabulate, wcwidth, python-docx or openpyxl's writer, each inside the
function that needs it (a format's module is imported only when a document is rendered in it).

Imports: views and everything below.
"""
