"""The Chinese of every word `--help` shows, keyed by the English exactly as the code
writes it (an option's help=, a paragraph of a command's docstring joined into one
line, a placeholder, click's own words).

Read by hrkpi.cli.helptext, and only for help in Chinese. tests/cli/test_help.py
renders every command's help and fails when a string it shows has no entry here,
when an entry is shown nowhere, or when the options and placeholders an English
text names differ from its Chinese; its message lists what to add. Chinese
punctuation (，；：（）), option names and values as typed.
"""

from __future__ import annotations

ZH: dict[str, str] = {
    # Click's and typer's own words: the usage line, headings, the fixed options.
    "Usage": "用法",
    "Options": "选项",
    "Arguments": "参数",
    "Commands": "命令",
    "[OPTIONS]": "[选项]",
    "COMMAND [ARGS]...": "命令 [参数]...",
    "env var": "环境变量",
    "default": "默认",
    "required": "必填",
    "Show this message and exit.": "显示本帮助并退出。",
    "Install tab completion for the current shell, or for the one named after it "
    "(bash, zsh, fish, powershell, pwsh).": (
        "为当前shell（或其后写明的shell：bash、zsh、fish、powershell、pwsh）安装命令补全。"
    ),
    "Show the completion script of the current shell, or of the one named after it, "
    "to copy it or customize the installation.": (
        "显示当前shell（或其后写明的shell）的补全脚本，以便复制或自行安装。"
    ),
    "Examples:": "示例：",
    "Example:": "示例：",
    # Placeholders of values (choices such as <zh|en> are shown as typed).
    "<path>": "<路径>",
    "FILE": "文件",
    "DIR": "目录",
    "KIND": "类型",
    "REGION": "地区",
    "PP": "百分点",
    "COL,COL,...": "列,列,...",
    "ID,ID,...": "指标,指标,...",
    "YYYY-MM-DD": "YYYY-MM-DD",
    # hrkpi
    "Indicators as code for public-sector work reports: completion, pace, changes, "
    "thresholds and the consistency of every stated figure.": (
        "把政府工作报告的指标写成代码：完成率、序时进度、增减变化、控制目标，"
        "以及每个所列数字是否前后一致。"
    ),
    "Show the version.": "显示版本号。",
    "No colours anywhere (as the NO_COLOR environment variable).": (
        "不使用任何颜色（同NO_COLOR环境变量）。"
    ),
    "Show the traceback of an internal error (also HRKPI_DEBUG=1).": (
        "内部错误时显示调用栈（也可设HRKPI_DEBUG=1）。"
    ),
    "Language of everything printed, this help included, for the command that follows "
    "(also HRKPI_LANG); a command's own --lang wins. Default: zh.": (
        "其后命令输出的全部文字所用的语言，本帮助也在内（也可设HRKPI_LANG）；"
        "命令自己的--lang优先。默认：zh。"
    ),
    # Commands' summaries and paragraphs.
    "Compute the completion table: completion, pace, changes and limits.": (
        "计算目标任务完成情况表：完成率、序时进度、增减变化和控制目标。"
    ),
    "Check every stated figure against the others, within its rounding.": (
        "按修约精度逐一核对每个所列数字与其他数字是否一致。"
    ),
    "Exit 0 when every figure is consistent and no limit fails, 1 otherwise, 2 on bad input.": (
        "每个数字都一致且没有未达标的控制目标时退出码为0，否则为1，输入有误时为2。"
    ),
    "Find the figures of a report as written and check every relation they state.": (
        "从报告原文中找出数字，核对它们所述的每一项关系。"
    ),
    "Exit 0 when every figure is consistent, 1 when one cannot be right, 2 on bad input.": (
        "每个数字都一致时退出码为0，有数字不可能正确时为1，输入有误时为2。"
    ),
    "Check definitions and data only, and list every problem (file:line:column).": (
        "只校验指标定义和数据，列出每一处问题（文件:行:列）。"
    ),
    "The regions and targets files (given, or beside the data) are checked too. Exit 0 "
    "when all is valid, 2 on any problem.": (
        "地区层级文件和目标文件（选项所指定的，或数据文件夹中的）也一并校验。全部有效时退出码为0，"
        "有任何问题时为2。"
    ),
    "Print the JSON Schema of a file kind, for editor validation as you type.": (
        "输出某类文件的JSON Schema，供编辑器在输入时校验。"
    ),
    "Write the completion table to a file: Excel, CSV, Markdown, JSON, an HTML report "
    "or Word tables.": ("把完成情况表写入文件：Excel、CSV、Markdown、JSON、HTML报告或Word表格。"),
    # Options shared by several commands.
    "Folder (or file) of indicator definitions. Default: the bundled report's.": (
        "指标定义所在的文件夹（或文件）。默认：随附报告的指标定义。"
    ),
    "Data file or folder (YAML or CSV). Default: the bundled report's.": (
        "数据文件或文件夹（YAML或CSV）。默认：随附报告的数据。"
    ),
    "Use the latest figures at or before this date.": "使用该日期当天或之前的最新数字。",
    "Language of everything printed: headers, labels, findings and messages.": (
        "输出全部文字所用的语言：表头、标签、核对结果和提示信息。"
    ),
    "Count schedule pace by days or by months.": "序时进度按天数（days）或按月数（months）计算。",
    "Percentage points either side of pace that count as on pace (达进度).": (
        "与序时进度相差多少个百分点以内算作达进度。"
    ),
    "Region hierarchy CSV (region,parent): parents' figures are checked against their "
    "children's sums.": ("地区层级CSV（region,parent）：上级地区的数字与下级地区之和相核对。"),
    "Region hierarchy CSV (region,parent) to validate; the regions of the data and of the "
    "targets must be listed in it. Default: regions.csv in the data folder.": (
        "要校验的地区层级CSV（region,parent）；数据和目标中的地区都须在其中列出。"
        "默认：数据文件夹中的regions.csv。"
    ),
    "exact (any data), fast (long CSV/Parquet, needs hrkpi[fast]) or auto (fast for large "
    "long-format data). Both give the same figures.": (
        "exact（任何数据）、fast（长格式CSV/Parquet，需要hrkpi[fast]）或auto"
        "（大的长格式数据用fast）。两者算出的数字相同。"
    ),
    "Say on stderr which engine ran and how many rows the fast path handed to the exact engine.": (
        "在标准错误输出上说明用了哪个引擎，以及快速引擎交给精确引擎复核了多少行。"
    ),
    "Fail when any relation could not be checked (not checkable, target not printed) or "
    "nothing was checked at all.": (
        "有任何关系无法核对（无法核对、目标未列明）或根本没有可核对的内容时判为失败。"
    ),
    "indicator: the completion table; region: regions as rows, each against its own "
    "target, with completion, pace status and rank (各地区完成情况表).": (
        "indicator：完成情况表；region：各地区完成情况表，每个地区一行，对照本地区目标，"
        "列出完成率、进度状态和排名。"
    ),
    "Targets assigned to regions (CSV, xlsx or YAML: indicator,region,year,target[,name]). "
    "Default: targets.csv/.yaml/.xlsx in the data folder.": (
        "下达到各地区的目标（CSV、xlsx或YAML：indicator,region,year,target[,name]）。"
        "默认：数据文件夹中的targets.csv/.yaml/.xlsx。"
    ),
    "--by region: whose children are the rows (default: the top region with children).": (
        "--by region：以哪个地区的下级地区为行（默认：有下级地区的最上级地区）。"
    ),
    "--by region: rows in hierarchy order or ranked by completion.": (
        "--by region：各行按层级顺序（hierarchy）或按完成率排名（rank）排列。"
    ),
    "--by region: every indicator side by side, or one table each.": (
        "--by region：所有指标并排（wide），或每个指标一张表（each）。"
    ),
    "--by region: the indicators to show (default: every one with a figure).": (
        "--by region：要列出的指标（默认：每个有数字的指标）。"
    ),
    # compute
    "Output format.": "输出格式。",
    "Comma-separated columns for the table, csv and markdown, each a key or a Chinese or "
    "English header (完成率 or completion); default: every column, as export. The table "
    "fits the terminal's width (or COLUMNS).": (
        "表格、csv和markdown的列，以逗号分隔，每列写键名或中英文表头（完成率或completion）；"
        "默认：全部列，与export相同。表格按终端宽度（或COLUMNS）排版。"
    ),
    "Every stated figure of every period as CSV (completion, pace, year on year, limit, "
    "region sum) instead of the latest table.": (
        "以CSV列出每个时期的每个所列数字（完成率、进度、同比、控制目标、地区合计），"
        "代替最新一期的表格。"
    ),
    "Start a CSV with a UTF-8 BOM, so Excel reads Chinese.": (
        "在CSV开头加UTF-8 BOM，使Excel正确读出中文。"
    ),
    # check
    "Output format; github: workflow annotations (::error file=…,line=…::) on each "
    "problem, then the problems as text.": (
        "输出格式；github：每个问题输出一条工作流注释（::error file=…,line=…::），"
        "再以文本列出问题。"
    ),
    "Also write JUnit XML to this file (- for stdout).": (
        "同时把JUnit XML写入该文件（-表示标准输出）。"
    ),
    "Fail on warn-level thresholds too, and when nothing could be checked.": (
        "预警级的控制目标未达到也判为失败，没有可核对的内容时同样判为失败。"
    ),
    "Check only the documents dated then (the others still serve as bases).": (
        "只核对该日期的文件（其他文件仍作为比较基数）。"
    ),
    "Override how the data's figures were rounded.": (
        "指定数据中数字的修约方式，代替数据自身的设定。"
    ),
    "Judge limits by the full (全数值比较法) or rounded value (修约值比较法).": (
        "按全数值比较法（full）或修约值比较法（rounded）判定控制目标。"
    ),
    "List only inconsistencies and missed limits.": "只列出不一致的数字和未达到的控制目标。",
    # scan
    "Report files: .txt or .md (UTF-8 or GB18030), .html, .docx, .pdf.": (
        "报告文件：.txt或.md（UTF-8或GB18030）、.html、.docx、.pdf。"
    ),
    "text, json, or github (workflow annotations).": "text、json或github（工作流注释）。",
    "Also write what was read as DIR/indicators and DIR/data YAML for hrkpi check.": (
        "同时把读到的内容写成该目录下indicators和data两个文件夹中的YAML，供hrkpi check使用。"
    ),
    "Fail on warn-level limits too, and when nothing could be checked.": (
        "预警级的控制目标未达到也判为失败，没有可核对的内容时同样判为失败。"
    ),
    "The date the figures stand at. Default: read from the text (截至6月末).": (
        "数字的截至日期。默认：从正文中读出（如“截至6月末”）。"
    ),
    # validate
    "text, or github: each problem also as a workflow annotation (::error file=…,line=…,"
    "col=…::) on stdout.": (
        "text，或github：每个问题还在标准输出上输出一条工作流注释"
        "（::error file=…,line=…,col=…::）。"
    ),
    # schema
    "indicators (definitions), data, report (compute JSON), findings (check JSON; 'check' "
    "is the same), scan (scan JSON).": (
        "indicators（指标定义）、data（数据）、report（compute的JSON）、"
        "findings（check的JSON；'check'与之相同）、scan（scan的JSON）。"
    ),
    # export
    "File to write (replaced atomically; untouched on any error), or - for standard output. "
    "A symbolic link is written through; a FIFO or device straight.": (
        "要写入的文件（整体原子替换；出任何错都不改动原文件），或用-表示标准输出。"
        "符号链接写入其指向的文件；FIFO或设备直接写入。"
    ),
    "File format. Default: from the output's suffix (.xlsx .csv .md .json .html .docx).": (
        "文件格式。默认：按输出文件的后缀（.xlsx .csv .md .json .html .docx）。"
    ),
    "Comma-separated columns, each a key or a Chinese or English header (完成率 or "
    "completion); default: every column, as compute.": (
        "要输出的列，以逗号分隔，每列写键名或中英文表头（完成率或completion）；"
        "默认：全部列，与compute相同。"
    ),
    "Run hrkpi check and add its findings after the table (xlsx: a sheet; "
    "html: a section), --by region too; default: on.": (
        "运行hrkpi check，在表格之后附上核对结果（xlsx另起一个工作表，html另起一节），"
        "--by region同样；默认：附上。"
    ),
    "Word tables: three-line (三线表) or full grid.": (
        "Word表格：三线表（three-line）或全框线（full）。"
    ),
}
