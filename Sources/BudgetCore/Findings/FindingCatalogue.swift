/// One entry of the finding catalogue: what a code means and how it is worded.
public struct FindingEntry: Sendable {
    public let code: FindingCode
    public let severity: Severity
    /// A short name, for the reference page.
    public let title: Localized
    /// When the finding is raised, for the reference page.
    public let description: Localized
    /// Message templates by variant; "" is the default.
    public let messages: [String: Localized]
    /// Hint templates by variant; a variant without its own hint uses "".
    public let hints: [String: Localized]

    /// The message template for `variant`, or the default.
    public func message(_ variant: String) -> Localized {
        messages[variant] ?? messages[""] ?? Localized(vi: code.rawValue, en: code.rawValue)
    }

    /// The hint template for `variant`, or the default, or `nil`.
    public func hint(_ variant: String) -> Localized? {
        hints[variant] ?? hints[""]
    }
}

/// Every finding code with its severity, title, description, messages and hints.
///
/// Messages come from here only, so that the two languages cannot drift apart and the
/// reference page can be generated. Placeholders: `{file}`, `{line}`, `{column}`,
/// `{columnNumber}`, `{value}`, `{item}`, `{agency}`, plus each finding's `arguments`.
public enum FindingCatalogue {
    /// The entry for `code`, or `nil` for a code this version does not know.
    public static func entry(_ code: FindingCode) -> FindingEntry? { byCode[code] }

    /// All entries, in the order of the reference page.
    public static let entries: [FindingEntry] = [
        FindingEntry(
            code: .unreadableEncoding, severity: .error,
            title: Localized(vi: "Không đọc được bảng mã", en: "Unreadable encoding"),
            description: Localized(
                vi:
                    "Các byte không giải mã được bằng bảng mã nào được hỗ trợ (UTF-8, UTF-16, Windows-1258); hoặc sổ Excel (.xlsx) không đọc được (hỏng, có mật khẩu, không phải sổ Excel); hoặc tệp là bảng tính XLS/PDF.",
                en:
                    "Bytes that decode in no supported encoding (UTF-8, UTF-16, Windows-1258); or an Excel workbook (.xlsx) that cannot be read (damaged, password-protected, not a workbook); or an XLS spreadsheet or a PDF."
            ),
            messages: [
                "": Localized(
                    vi:
                        "Không đọc được tệp: nội dung không phải văn bản UTF-8, UTF-16 hay Windows-1258 (byte {value} ở vị trí {offset}).",
                    en:
                        "Cannot read the file: it is not UTF-8, UTF-16 or Windows-1258 text (byte {value} at offset {offset})."
                ),
                "code-unit": Localized(
                    vi: "Không đọc được tệp: nội dung không phải văn bản UTF-16 (mã {value} ở vị trí {offset}).",
                    en: "Cannot read the file: it is not UTF-16 text (code unit {value} at offset {offset})."),
                "cut": Localized(
                    vi: "Không đọc được tệp: tệp kết thúc giữa chừng một ký tự.",
                    en: "Cannot read the file: it ends in the middle of a character."),
                "spreadsheet": Localized(
                    vi: "Tệp là bảng tính ({value}), không phải tệp CSV hay sổ Excel .xlsx.",
                    en: "The file is a spreadsheet ({value}), not a CSV file or an Excel .xlsx workbook."),
                "pdf": Localized(
                    vi: "Tệp là tài liệu PDF, không phải tệp CSV.",
                    en: "The file is a PDF document, not a CSV file."),
                "workbook-damaged": Localized(
                    vi: "Sổ Excel bị hỏng, không đọc được ({value}).",
                    en: "The Excel workbook is damaged and cannot be read ({value})."),
                "workbook-encrypted": Localized(
                    vi: "Sổ Excel được đặt mật khẩu (mã hóa), không đọc được.",
                    en: "The Excel workbook is protected by a password (encrypted) and cannot be read."),
                "workbook-unsupported": Localized(
                    vi: "Sổ Excel được lưu ở dạng không đọc được ({value}).",
                    en: "The Excel workbook is saved in a form that cannot be read ({value})."),
                "workbook-too-large": Localized(
                    vi: "Một phần của sổ Excel quá lớn khi giải nén ({value}).",
                    en: "Part of the Excel workbook is too large once uncompressed ({value})."),
                "workbook-no-sheet": Localized(
                    vi: "Sổ Excel không có trang tính nào để đọc.",
                    en: "The Excel workbook has no worksheet to read."),
                "not-workbook": Localized(
                    vi: "Tệp là tệp nén ZIP ({value}), không phải sổ Excel .xlsx hay tệp CSV.",
                    en: "The file is a ZIP archive ({value}), not an Excel .xlsx workbook or a CSV file."),
            ],
            hints: [
                "": Localized(
                    vi:
                        "Trong Excel chọn Tệp › Lưu thành › «CSV UTF-8 (phân cách bằng dấu phẩy)»; trong LibreOffice chọn Tệp › Lưu thành, kiểu «Văn bản CSV», đánh dấu «Sửa thiết lập bộ lọc» rồi chọn bộ ký tự Unicode (UTF-8) hoặc Tiếng Việt (Windows-1258); rồi gửi lại.",
                    en:
                        "In Excel choose File › Save As › \"CSV UTF-8 (Comma delimited)\"; in LibreOffice choose File › Save As, type \"Text CSV\", tick \"Edit filter settings\" and pick the character set Unicode (UTF-8) or Vietnamese (Windows-1258); then send it again."
                ),
                "spreadsheet": Localized(
                    vi: "Mở tệp bằng Excel, lưu thành «Sổ làm việc Excel (.xlsx)» hoặc «CSV UTF-8» rồi gửi lại.",
                    en: "Open it in Excel, save it as \"Excel Workbook (.xlsx)\" or \"CSV UTF-8\", and send it again."),
                "pdf": Localized(
                    vi: "Gửi tệp CSV lập từ mẫu dự toán (budget template), không gửi bản PDF.",
                    en: "Send the CSV made from the estimate template (budget template), not a PDF."),
                "workbook-damaged": Localized(
                    vi:
                        "Mở tệp bằng Excel hoặc LibreOffice, lưu lại (Tệp › Lưu thành › Sổ làm việc Excel .xlsx) rồi gửi tệp mới; hoặc lưu thành «CSV UTF-8».",
                    en:
                        "Open it in Excel or LibreOffice, save it again (File › Save As › Excel Workbook .xlsx) and send the new file; or save it as \"CSV UTF-8\"."
                ),
                "workbook-encrypted": Localized(
                    vi:
                        "Gỡ mật khẩu trong Excel (Tệp › Thông tin › Bảo vệ sổ làm việc › Mã hóa bằng mật khẩu, xóa mật khẩu), lưu rồi gửi lại; hoặc lưu thành «CSV UTF-8».",
                    en:
                        "Remove the password in Excel (File › Info › Protect Workbook › Encrypt with Password, clear it), save and send it again; or save it as \"CSV UTF-8\"."
                ),
                "workbook-unsupported": Localized(
                    vi:
                        "Mở tệp bằng Excel hoặc LibreOffice, lưu lại thành «Sổ làm việc Excel (.xlsx)» rồi gửi tệp mới; hoặc lưu thành «CSV UTF-8».",
                    en:
                        "Open it in Excel or LibreOffice, save it as \"Excel Workbook (.xlsx)\" and send the new file; or save it as \"CSV UTF-8\"."
                ),
                "workbook-too-large": Localized(
                    vi:
                        "Sổ có thể bị hỏng hoặc chứa quá nhiều dữ liệu: chỉ giữ trang dự toán, lưu lại rồi gửi; hoặc lưu thành «CSV UTF-8».",
                    en:
                        "The workbook may be damaged or hold far too much: keep only the estimate sheet, save and send it again; or save it as \"CSV UTF-8\"."
                ),
                "workbook-no-sheet": Localized(
                    vi: "Lập dự toán trên một trang tính (mẫu đặt tên trang là «Dự toán»), lưu rồi gửi lại.",
                    en:
                        "Fill in the estimate on a worksheet (the template names it \"Dự toán\"), save and send it again."
                ),
                "not-workbook": Localized(
                    vi:
                        "Mở tệp bằng Excel hoặc LibreOffice, lưu thành «Sổ làm việc Excel (.xlsx)» hoặc «CSV UTF-8» rồi gửi lại.",
                    en:
                        "Open it in Excel or LibreOffice, save it as \"Excel Workbook (.xlsx)\" or \"CSV UTF-8\", and send it again."
                ),
            ]),
        FindingEntry(
            code: .legacyEncoding, severity: .error,
            title: Localized(vi: "Bảng mã cũ (TCVN3/VNI)", en: "Legacy font encoding (TCVN3/VNI)"),
            description: Localized(
                vi:
                    "Văn bản được gõ bằng bảng mã phông chữ cũ TCVN3 (ABC, phông .Vn…) hoặc VNI (phông VNI-…), đọc theo bất kỳ bảng mã nào cũng ra chữ sai.",
                en:
                    "Text typed in the legacy TCVN3 (ABC, .Vn… fonts) or VNI (VNI-… fonts) font encodings, which reads as gibberish in any code page."
            ),
            messages: [
                "": Localized(
                    vi: "Văn bản có vẻ được gõ bằng bảng mã {value}, không phải Unicode (ví dụ: «{sample}»).",
                    en:
                        "The text appears to be typed in the {value} font encoding, not Unicode (for example \"{sample}\")."
                )
            ],
            hints: [
                "": Localized(
                    vi:
                        "Chạy lại với --encoding tcvn3 để chuyển sang Unicode, hoặc dùng Unikey (Công cụ chuyển mã: TCVN3 → Unicode) rồi lưu lại.",
                    en:
                        "Run again with --encoding tcvn3 to convert it to Unicode, or convert it with Unikey (TCVN3 → Unicode) and save again."
                ),
                "vni": Localized(
                    vi: "Dùng Unikey (Công cụ chuyển mã: VNI Windows → Unicode) để chuyển sang Unicode rồi lưu lại.",
                    en: "Convert it with Unikey (VNI Windows → Unicode) and save again."),
                "workbook": Localized(
                    vi:
                        "Trong Excel, chọn các ô rồi chuyển mã bằng Unikey (Công cụ chuyển mã: TCVN3 → Unicode, qua bộ nhớ tạm), đổi phông chữ sang Times New Roman, lưu rồi gửi lại.",
                    en:
                        "In Excel, convert the cells with Unikey (TCVN3 → Unicode, through the clipboard), switch the font to Times New Roman, save and send it again."
                ),
                "workbook-vni": Localized(
                    vi:
                        "Trong Excel, chọn các ô rồi chuyển mã bằng Unikey (Công cụ chuyển mã: VNI Windows → Unicode, qua bộ nhớ tạm), đổi phông chữ sang Times New Roman, lưu rồi gửi lại.",
                    en:
                        "In Excel, convert the cells with Unikey (VNI Windows → Unicode, through the clipboard), switch the font to Times New Roman, save and send it again."
                ),
            ]),
        FindingEntry(
            code: .malformedCSV, severity: .error,
            title: Localized(vi: "CSV sai cấu trúc", en: "Malformed CSV"),
            description: Localized(
                vi:
                    "Một dấu ngoặc kép mở mà không đóng, hoặc dấu ngoặc kép nằm giữa một ô không được bọc trong ngoặc kép.",
                en: "An unterminated quote, or a quote inside an unquoted field."),
            messages: [
                "": Localized(
                    vi: "Dấu ngoặc kép nằm giữa một ô không được bọc trong ngoặc kép: {value}",
                    en: "A quote inside a field that is not quoted: {value}"),
                "unterminated": Localized(
                    vi: "Dấu ngoặc kép mở ở dòng {line} không được đóng đến hết tệp.",
                    en: "The quote opened on line {line} is never closed."),
                "after-quote": Localized(
                    vi: "Có ký tự sau dấu ngoặc kép đóng ô: {value}",
                    en: "Characters after the closing quote of a field: {value}"),
            ],
            hints: [
                "": Localized(
                    vi:
                        "Bọc cả ô trong ngoặc kép và viết mỗi dấu ngoặc kép bên trong thành hai dấu (\"\"); Excel làm việc này khi lưu CSV.",
                    en:
                        "Quote the whole field and double each quote inside it (\"\"); Excel does this when it saves CSV."
                )
            ]),
        FindingEntry(
            code: .signatureBlock, severity: .info,
            title: Localized(vi: "Khối chữ ký", en: "Signature block"),
            description: Localized(
                vi:
                    "Các dòng dưới bảng chỉ ghi chức danh người ký (Người lập biểu, Kế toán trưởng, Thủ trưởng đơn vị…), dòng địa danh và ngày tháng, hoặc họ tên: được bỏ qua, không đọc như dòng dự toán, ở bất kỳ cột nào.",
                en:
                    "Rows under the table holding only signers' titles (Người lập biểu, Kế toán trưởng, Thủ trưởng đơn vị…), the place and date line, or names: skipped, not read as estimate lines, in whatever column they stand."
            ),
            messages: [
                "": Localized(
                    vi: "Dòng {line}–{lastLine} là khối chữ ký («{value}»): bỏ qua.",
                    en: "Lines {line}–{lastLine} are the signature block (\"{value}\"): skipped.")
            ],
            hints: [:]),
        FindingEntry(
            code: .formulaWithoutValue, severity: .error,
            title: Localized(vi: "Công thức chưa có giá trị", en: "Formula without a value"),
            description: Localized(
                vi:
                    "Một ô của sổ Excel có công thức nhưng tệp không lưu giá trị đã tính của nó (tệp do chương trình không tính công thức tạo ra, hoặc Excel đang tắt tính tự động). Ô được đọc như ô trống.",
                en:
                    "A workbook cell holds a formula but the file stores no computed value for it (written by a program that does not calculate, or with automatic calculation off). The cell is read as empty."
            ),
            messages: [
                "": Localized(
                    vi: "Ô {cell} có công thức {value} nhưng không có giá trị đã tính.",
                    en: "Cell {cell} holds the formula {value} but no computed value."),
                "no-text": Localized(
                    vi: "Ô {cell} có công thức nhưng không có giá trị đã tính.",
                    en: "Cell {cell} holds a formula but no computed value."),
            ],
            hints: [
                "": Localized(
                    vi:
                        "Mở tệp bằng Excel hoặc LibreOffice và lưu lại để các công thức được tính (hoặc bật tính tự động: Công thức › Tùy chọn tính toán › Tự động), rồi gửi lại.",
                    en:
                        "Open the file in Excel or LibreOffice and save it again so that the formulas are computed (or turn on automatic calculation: Formulas › Calculation Options › Automatic), then send it again."
                )
            ]),
        FindingEntry(
            code: .noHeader, severity: .error,
            title: Localized(vi: "Không có dòng tiêu đề", en: "No header row"),
            description: Localized(
                vi:
                    "Không dòng nào nêu tên ít nhất ba cột đã biết (STT, Mã nội dung, Nội dung, Đơn vị tính, Số lượng, Đơn giá, Thành tiền, Ghi chú).",
                en:
                    "No row names at least three known columns (STT, Mã nội dung, Nội dung, Đơn vị tính, Số lượng, Đơn giá, Thành tiền, Ghi chú)."
            ),
            messages: [
                "": Localized(
                    vi: "Không tìm thấy dòng tiêu đề cột (cần ít nhất ba cột như Mã nội dung, Nội dung, Thành tiền).",
                    en:
                        "No header row found (it needs at least three known columns such as Mã nội dung, Nội dung, Thành tiền)."
                )
            ],
            hints: [
                "": Localized(
                    vi: "Lập dự toán trên mẫu do lệnh «budget template» tạo và giữ nguyên dòng tiêu đề.",
                    en: "Fill in the template that \"budget template\" writes and keep its header row.")
            ]),
        FindingEntry(
            code: .missingColumn, severity: .error,
            title: Localized(vi: "Thiếu cột bắt buộc", en: "Missing column"),
            description: Localized(
                vi: "Thiếu cột mã nội dung hoặc cột thành tiền.",
                en: "The item code or amount column is absent."),
            messages: [
                "": Localized(
                    vi: "Thiếu cột «{field}» trong dòng tiêu đề.",
                    en: "The header has no \"{field}\" column.")
            ],
            hints: [
                "": Localized(
                    vi: "Thêm cột «{field}» vào dòng tiêu đề (xem mẫu do «budget template» tạo).",
                    en: "Add a \"{field}\" column to the header (see the template \"budget template\" writes).")
            ]),
        FindingEntry(
            code: .duplicateColumn, severity: .error,
            title: Localized(vi: "Trùng cột", en: "Duplicate column"),
            description: Localized(
                vi: "Hai cột của dòng tiêu đề cùng chỉ một trường.",
                en: "Two header columns map to the same field."),
            messages: [
                "": Localized(
                    vi:
                        "Cột «{column}» (cột {columnNumber}) trùng với cột «{other}» (cột {otherNumber}): cả hai đều là «{field}».",
                    en:
                        "Column \"{column}\" (column {columnNumber}) duplicates \"{other}\" (column {otherNumber}): both are \"{field}\"."
                )
            ],
            hints: [
                "": Localized(
                    vi: "Xóa hoặc đổi tên một trong hai cột.",
                    en: "Delete or rename one of the two columns.")
            ]),
        FindingEntry(
            code: .raggedRow, severity: .warning,
            title: Localized(vi: "Dòng thừa ô", en: "Ragged row"),
            description: Localized(
                vi: "Một dòng có nhiều ô khác rỗng hơn số cột của dòng tiêu đề.",
                en: "A row with more non-empty cells than the header has columns."),
            messages: [
                "": Localized(
                    vi: "Dòng có {count} ô, nhiều hơn {expected} cột của dòng tiêu đề; các ô thừa bị bỏ qua: {value}",
                    en:
                        "The row has {count} cells, more than the header's {expected} columns; the extra cells are ignored: {value}"
                )
            ],
            hints: [
                "": Localized(
                    vi: "Kiểm tra dấu phân cách trong ô (bọc ô có dấu phẩy trong ngoặc kép).",
                    en: "Check for separators inside cells (quote cells that contain commas).")
            ]),
        FindingEntry(
            code: .missingAgency, severity: .error,
            title: Localized(vi: "Không rõ đơn vị", en: "Missing agency"),
            description: Localized(
                vi: "Không xác định được đơn vị gửi dự toán.",
                en: "No agency could be determined."),
            messages: [
                "": Localized(
                    vi: "Không xác định được đơn vị gửi dự toán.",
                    en: "Cannot tell which agency sent this estimate.")
            ],
            hints: [
                "": Localized(
                    vi: "Thêm dòng «Mã đơn vị,MÃ» phía trên bảng (như trong mẫu) hoặc dùng --agency MÃ.",
                    en: "Add a \"Mã đơn vị,CODE\" row above the table (as in the template) or pass --agency CODE.")
            ]),
        FindingEntry(
            code: .unknownAgency, severity: .error,
            title: Localized(vi: "Đơn vị không có trong kế hoạch", en: "Unknown agency"),
            description: Localized(
                vi: "Đơn vị không có trong danh sách đơn vị của kế hoạch.",
                en: "The agency is not in the plan."),
            messages: [
                "": Localized(
                    vi: "Đơn vị «{value}» không có trong kế hoạch.",
                    en: "Agency \"{value}\" is not in the plan.")
            ],
            hints: [
                "": Localized(
                    vi: "Có phải là {suggestion}?",
                    en: "Did you mean {suggestion}?")
            ]),
        FindingEntry(
            code: .agencyConflict, severity: .error,
            title: Localized(vi: "Đơn vị không khớp", en: "Agency conflict"),
            description: Localized(
                vi: "Các nguồn xác định đơn vị (--agency, dòng Mã đơn vị, dòng Đơn vị) chỉ các đơn vị khác nhau.",
                en: "The sources of the agency (--agency, the Mã đơn vị row, the Đơn vị row) disagree."),
            messages: [
                "": Localized(
                    vi: "Các nguồn xác định đơn vị không khớp: {value}.",
                    en: "The sources of the agency disagree: {value}.")
            ],
            hints: [
                "": Localized(
                    vi: "Sửa dòng Mã đơn vị/Đơn vị trong tệp cho đúng đơn vị gửi, hoặc bỏ --agency.",
                    en: "Correct the Mã đơn vị/Đơn vị rows of the file, or drop --agency.")
            ]),
        FindingEntry(
            code: .unknownItem, severity: .error,
            title: Localized(vi: "Mã nội dung không có trong kế hoạch", en: "Unknown item"),
            description: Localized(
                vi: "Mã nội dung của dòng không có trong kế hoạch.",
                en: "The line's item code is not in the plan."),
            messages: [
                "": Localized(
                    vi: "Mã nội dung «{value}» không có trong kế hoạch.",
                    en: "Item code \"{value}\" is not in the plan."),
                "missing-code": Localized(
                    vi: "Dòng có thành tiền nhưng không có mã nội dung.",
                    en: "The line has an amount but no item code."),
            ],
            hints: [
                "": Localized(
                    vi: "Có phải là {suggestion}?",
                    en: "Did you mean {suggestion}?"),
                "missing-code": Localized(
                    vi:
                        "Ghi mã nội dung của kế hoạch cho dòng này; nếu đây là dòng cộng, ghi «Cộng» hoặc «Tổng cộng» ở cột nội dung.",
                    en:
                        "Enter the plan's item code for this line; if it is a total row, write \"Cộng\" or \"Tổng cộng\" in its description."
                ),
            ]),
        FindingEntry(
            code: .itemNotAssigned, severity: .error,
            title: Localized(vi: "Nội dung không giao cho đơn vị", en: "Item not assigned"),
            description: Localized(
                vi: "Kế hoạch không giao nội dung này cho đơn vị gửi.",
                en: "The plan does not assign this item to the sending agency."),
            messages: [
                "": Localized(
                    vi: "Nội dung {value} không được giao cho đơn vị {agency}.",
                    en: "Item {value} is not assigned to agency {agency}.")
            ],
            hints: [
                "": Localized(
                    vi: "Kế hoạch giao nội dung này cho: {assignees}.",
                    en: "The plan assigns this item to: {assignees}.")
            ]),
        FindingEntry(
            code: .invalidNumber, severity: .error,
            title: Localized(vi: "Số không hợp lệ", en: "Invalid number"),
            description: Localized(
                vi: "Ô số không đọc được, hoặc số quá lớn so với số nguyên 64 bit đồng.",
                en: "A number cell that cannot be read, or one too large for a 64-bit integer of đồng."),
            messages: [
                "": Localized(
                    vi: "Không đọc được số «{value}» ở cột {column}.",
                    en: "Cannot read the number \"{value}\" in column {column}."),
                "overflow": Localized(
                    vi: "Số «{value}» ở cột {column} quá lớn (vượt giới hạn số nguyên 64 bit đồng).",
                    en: "The number \"{value}\" in column {column} is too large (beyond a 64-bit integer of đồng)."),
                "too-precise": Localized(
                    vi: "Số «{value}» ở cột {column} có quá nhiều chữ số thập phân (tối đa 9).",
                    en: "The number \"{value}\" in column {column} has too many decimal digits (at most 9)."),
                "formula-error": Localized(
                    vi: "Ô ở cột {column} là lỗi công thức của bảng tính («{value}»), không phải số.",
                    en: "The cell in column {column} is a spreadsheet formula error (\"{value}\"), not a number."),
                "date": Localized(
                    vi: "Ô ở cột {column} ghi ngày tháng «{value}», không phải số.",
                    en: "The cell in column {column} holds a date, \"{value}\", not a number."),
            ],
            hints: [
                "": Localized(
                    vi:
                        "Chỉ dùng chữ số, dấu chấm/dấu phẩy phân cách hàng nghìn và dấu thập phân, ví dụ 90.000.000 hoặc 2,5.",
                    en: "Use digits with thousands and decimal marks only, for example 90.000.000 or 2,5."),
                "overflow": Localized(
                    vi: "Kiểm tra lại số chữ số, hoặc đơn vị tính số tiền (đồng/nghìn đồng).",
                    en: "Check the number of digits, or the money unit (đồng/nghìn đồng)."),
                "formula-error": Localized(
                    vi:
                        "Sửa công thức trong Excel hoặc LibreOffice (thường do một ô nó tham chiếu bị trống, bị xóa hoặc chứa chữ) rồi lưu lại.",
                    en:
                        "Fix the formula in Excel or LibreOffice (usually a cell it refers to is empty, deleted or holds text) and save again."
                ),
                "date": Localized(
                    vi:
                        "Ghi số tiền vào cột này; nếu ô được định dạng ngày tháng, đổi định dạng sang Số (Number) rồi nhập lại.",
                    en:
                        "Write the amount in this column; if the cell is formatted as a date, change its format to Number and enter it again."
                ),
            ]),
        FindingEntry(
            code: .ambiguousNumber, severity: .error,
            title: Localized(vi: "Không rõ dấu thập phân", en: "Ambiguous number"),
            description: Localized(
                vi:
                    "Không xác định được dấu nào là dấu thập phân của số, kể cả khi đối chiếu Số lượng × Đơn giá = Thành tiền.",
                en: "The decimal mark of a number cannot be decided, even with quantity × unit price = amount."),
            messages: [
                "": Localized(
                    vi:
                        "Không rõ «{value}» ở cột {column} là {readingA} hay {readingB}: tệp không cho biết dấu nào là dấu thập phân.",
                    en:
                        "Cannot tell whether \"{value}\" in column {column} is {readingA} or {readingB}: the file does not show which mark is decimal."
                ),
                "conflict": Localized(
                    vi:
                        "Số «{value}» ở cột {column} dùng «{mark}» làm dấu thập phân, trái với cách viết số ở dòng {evidenceLine} («{evidence}»).",
                    en:
                        "The number \"{value}\" in column {column} uses \"{mark}\" as its decimal mark, unlike line {evidenceLine} (\"{evidence}\")."
                ),
            ],
            hints: [
                "": Localized(
                    vi: "Viết số không có dấu phân cách hàng nghìn (1500) hoặc thêm chữ số thập phân (1,50).",
                    en: "Write the number without a thousands mark (1500) or with more decimals (1.50)."),
                "conflict": Localized(
                    vi: "Dùng một kiểu viết số cho cả tệp: 90.000.000 và 2,5 (kiểu Việt Nam) hoặc 90,000,000 và 2.5.",
                    en:
                        "Use one number style for the whole file: 90.000.000 and 2,5 (Vietnamese) or 90,000,000 and 2.5."
                ),
            ]),
        FindingEntry(
            code: .fractionalAmount, severity: .error,
            title: Localized(vi: "Số tiền có phần lẻ", en: "Fractional amount"),
            description: Localized(
                vi: "Thành tiền hoặc đơn giá có phần lẻ dưới một đồng.",
                en: "An amount or unit price with a non-zero fraction of a đồng."),
            messages: [
                "": Localized(
                    vi: "Số tiền «{value}» ở cột {column} có phần lẻ dưới một đồng.",
                    en: "The amount \"{value}\" in column {column} has a fraction of a đồng.")
            ],
            hints: [
                "": Localized(
                    vi: "Làm tròn đến đồng.",
                    en: "Round it to the đồng.")
            ]),
        FindingEntry(
            code: .negativeAmount, severity: .error,
            title: Localized(vi: "Giá trị âm", en: "Negative value"),
            description: Localized(
                vi: "Số lượng, đơn giá hoặc thành tiền âm.",
                en: "A negative quantity, unit price or amount."),
            messages: [
                "": Localized(
                    vi: "Giá trị âm «{value}» ở cột {column}.",
                    en: "Negative value \"{value}\" in column {column}.")
            ],
            hints: [
                "": Localized(
                    vi:
                        "Dự toán không ghi số âm: sửa lại số liệu của dòng này; khoản giảm trừ (nếu có) giải thích ở cột Ghi chú.",
                    en:
                        "Estimates hold no negative numbers: correct this line's figures, and explain any reduction in the Note column."
                )
            ]),
        FindingEntry(
            code: .missingAmount, severity: .error,
            title: Localized(vi: "Thiếu thành tiền", en: "Missing amount"),
            description: Localized(
                vi: "Dòng có mã nội dung nhưng không có thành tiền.",
                en: "A line with an item code and no amount."),
            messages: [
                "": Localized(
                    vi: "Dòng có mã nội dung «{item}» nhưng ô {column} để trống.",
                    en: "The line has item code \"{item}\" but its {column} cell is empty.")
            ],
            hints: [
                "": Localized(
                    vi: "Ghi thành tiền (= số lượng × đơn giá), hoặc xóa mã nội dung nếu đây là dòng tiêu đề mục.",
                    en: "Enter the amount (= quantity × unit price), or clear the item code if this is a heading row.")
            ]),
        FindingEntry(
            code: .amountMismatch, severity: .error,
            title: Localized(vi: "Thành tiền sai", en: "Amount mismatch"),
            description: Localized(
                vi: "Số lượng × đơn giá (làm tròn đến đồng) khác thành tiền.",
                en: "Quantity × unit price (rounded half up to the đồng) differs from the amount."),
            messages: [
                "": Localized(
                    vi: "Thành tiền {value} khác Số lượng × Đơn giá = {quantity} × {price} = {expected}.",
                    en: "Amount {value} differs from quantity × unit price = {quantity} × {price} = {expected}."),
                "overflow": Localized(
                    vi: "Số lượng × Đơn giá = {quantity} × {price} vượt giới hạn số nguyên 64 bit đồng.",
                    en: "Quantity × unit price = {quantity} × {price} is beyond a 64-bit integer of đồng."),
            ],
            hints: [
                "": Localized(
                    vi: "Sửa thành tiền thành {expected}, hoặc sửa số lượng/đơn giá.",
                    en: "Change the amount to {expected}, or correct the quantity or unit price."),
                "overflow": Localized(
                    vi: "Kiểm tra lại số lượng và đơn giá: có thể thừa chữ số hoặc nhầm đơn vị tính.",
                    en: "Check the quantity and unit price: there may be extra digits or a wrong unit."),
            ]),
        FindingEntry(
            code: .totalMismatch, severity: .error,
            title: Localized(vi: "Dòng tổng sai", en: "Total mismatch"),
            description: Localized(
                vi: "Dòng tổng cộng khác tổng các dòng dự toán.",
                en: "The total row differs from the sum of the lines."),
            messages: [
                "": Localized(
                    vi: "Dòng tổng ghi {value}, nhưng tổng các dòng là {expected} (chênh lệch {difference}).",
                    en: "The total row says {value}, but the lines sum to {expected} (a difference of {difference})."),
                "unreadable": Localized(
                    vi: "Không đọc được số tiền của dòng tổng: «{value}».",
                    en: "Cannot read the amount of the total row: \"{value}\"."),
            ],
            hints: [
                "": Localized(
                    vi:
                        "Tính lại dòng tổng (trong Excel: =SUM(...) trên cột thành tiền) hoặc kiểm tra các dòng bị thiếu.",
                    en: "Recompute the total (in Excel, =SUM(...) over the amount column) or look for missing lines.")
            ]),
        FindingEntry(
            code: .wordsMismatch, severity: .warning,
            title: Localized(vi: "Số tiền bằng chữ sai", en: "Amount in words mismatch"),
            description: Localized(
                vi: "Dòng «Bằng chữ» không khớp với tổng số tiền.",
                en: "The \"Bằng chữ\" text does not match the total."),
            messages: [
                "": Localized(
                    vi: "Số tiền bằng chữ «{value}» không khớp với tổng {expected}.",
                    en: "The amount in words \"{value}\" does not match the total {expected}."),
                "missing": Localized(
                    vi: "Dòng «Bằng chữ» chưa ghi số tiền bằng chữ (tổng {expected}).",
                    en: "The \"Bằng chữ\" line does not give the amount in words yet (the total is {expected})."),
            ],
            hints: [
                "": Localized(
                    vi: "Viết đúng là: «{words}».",
                    en: "It should read: \"{words}\".")
            ]),
        FindingEntry(
            code: .duplicateLine, severity: .warning,
            title: Localized(vi: "Dòng trùng", en: "Duplicate line"),
            description: Localized(
                vi: "Hai dòng cùng mã nội dung, cùng diễn giải và cùng thành tiền.",
                en: "The same item, description and amount twice."),
            messages: [
                "": Localized(
                    vi: "Dòng trùng với dòng {otherLine}: cùng mã {item}, cùng nội dung và cùng thành tiền {value}.",
                    en: "The line repeats line {otherLine}: same item {item}, description and amount {value}.")
            ],
            hints: [
                "": Localized(
                    vi: "Xóa dòng trùng, hoặc ghi rõ sự khác nhau trong nội dung.",
                    en: "Delete the repeated line, or make the descriptions say how they differ.")
            ]),
        FindingEntry(
            code: .capExceeded, severity: .warning,
            title: Localized(vi: "Vượt mức trần", en: "Cap exceeded"),
            description: Localized(
                vi: "Tổng dự toán của một nội dung vượt mức trần kế hoạch cho phép.",
                en: "An item's total is over the cap the plan allows."),
            messages: [
                "": Localized(
                    vi: "Tổng nội dung {item} là {value}, vượt mức trần {cap} của kế hoạch (vượt {excess}).",
                    en: "Item {item} totals {value}, over the plan's cap of {cap} (by {excess}).")
            ],
            hints: [
                "": Localized(
                    vi: "Rà soát lại dự toán của nội dung này với các đơn vị được giao.",
                    en: "Review this item's estimates with the agencies it is assigned to.")
            ]),
        FindingEntry(
            code: .emptySubmission, severity: .error,
            title: Localized(vi: "Dự toán rỗng", en: "Empty submission"),
            description: Localized(
                vi: "Tệp không có dòng dự toán nào.",
                en: "The file has no estimate lines at all."),
            messages: [
                "": Localized(
                    vi: "Tệp không có dòng dự toán nào.",
                    en: "The file has no estimate lines.")
            ],
            hints: [
                "": Localized(
                    vi: "Mỗi dòng dự toán cần mã nội dung và thành tiền.",
                    en: "Each estimate line needs an item code and an amount.")
            ]),
        FindingEntry(
            code: .limitExceeded, severity: .error,
            title: Localized(vi: "Vượt giới hạn", en: "Limit exceeded"),
            description: Localized(
                vi: "Kích thước tệp, độ dài ô, số cột, số dòng hoặc một tổng vượt giới hạn đã công bố.",
                en: "A file size, field length, column count, row count or sum over the documented limits."),
            messages: [
                "": Localized(
                    vi: "Vượt giới hạn: {value} (tối đa {limit}).",
                    en: "Limit exceeded: {value} (at most {limit})."),
                "file-size": Localized(
                    vi: "Tệp lớn {value} byte, vượt giới hạn {limit} byte.",
                    en: "The file is {value} bytes, over the limit of {limit} bytes."),
                "field-size": Localized(
                    vi: "Một ô dài hơn {limit} byte; phần còn lại của tệp không được đọc.",
                    en: "A field is longer than {limit} bytes; the rest of the file was not read."),
                "columns": Localized(
                    vi: "Dòng có {value} ô, vượt giới hạn {limit} cột; phần còn lại của tệp không được đọc.",
                    en:
                        "The row has {value} cells, over the limit of {limit} columns; the rest of the file was not read."
                ),
                "rows": Localized(
                    vi: "Tệp có hơn {limit} dòng; phần còn lại không được đọc.",
                    en: "The file has more than {limit} rows; the rest was not read."),
                "sum": Localized(
                    vi: "Tổng số tiền vượt giới hạn số nguyên 64 bit đồng.",
                    en: "The sum of the amounts is beyond a 64-bit integer of đồng."),
                "round-total": Localized(
                    vi:
                        "Tính thêm tệp này thì một tổng của đợt (theo đơn vị, theo nội dung hoặc tổng cộng) vượt giới hạn số nguyên 64 bit đồng; tệp không được tính.",
                    en:
                        "Counting this file would take a total of the round (by agency, by item or in all) beyond a 64-bit integer of đồng; the file does not count."
                ),
            ],
            hints: [
                "": Localized(
                    vi: "Tách tệp, hoặc nâng giới hạn bằng tùy chọn --max-… của lệnh.",
                    en: "Split the file, or raise the limit with the command's --max-… option."),
                "sum": Localized(
                    vi: "Kiểm tra lại các số tiền quá lớn.",
                    en: "Look for amounts that are far too large."),
                "round-total": Localized(
                    vi: "Kiểm tra lại các số tiền quá lớn trong tệp này và trong các tệp đã nhận.",
                    en: "Look for amounts that are far too large, in this file and in those already received."),
            ]),
        FindingEntry(
            code: .subtotalRow, severity: .info,
            title: Localized(vi: "Dòng cộng phụ", en: "Subtotal row"),
            description: Localized(
                vi: "Một dòng cộng không phải dòng tổng cuối cùng: ghi nhận, không kiểm tra, không cộng vào tổng.",
                en: "A total row that is not the last: reported, neither checked nor added."),
            messages: [
                "": Localized(
                    vi: "Dòng cộng phụ «{value}»: không kiểm tra và không cộng vào tổng.",
                    en: "Subtotal row \"{value}\": neither checked nor added.")
            ],
            hints: [:]),
        FindingEntry(
            code: .planMismatch, severity: .warning,
            title: Localized(vi: "Khác kế hoạch", en: "Plan mismatch"),
            description: Localized(
                vi: "Dòng «Kế hoạch» của tệp ghi một kế hoạch khác kế hoạch đang tổng hợp.",
                en: "The file's \"Kế hoạch\" row names another plan."),
            messages: [
                "": Localized(
                    vi: "Tệp ghi kế hoạch «{value}», khác kế hoạch đang tổng hợp «{expected}».",
                    en: "The file names plan \"{value}\", not the plan being consolidated, \"{expected}\".")
            ],
            hints: [
                "": Localized(
                    vi: "Kiểm tra đơn vị đã dùng đúng mẫu của kế hoạch này.",
                    en: "Check that the agency used this plan's template.")
            ]),
        FindingEntry(
            code: .moneyScale, severity: .info,
            title: Localized(vi: "Đơn vị tiền", en: "Money unit"),
            description: Localized(
                vi: "Tệp ghi số tiền theo nghìn đồng hoặc triệu đồng; các số tiền đã được quy ra đồng.",
                en: "The file states amounts in thousands or millions of đồng; they were converted to đồng."),
            messages: [
                "": Localized(
                    vi: "Số tiền trong tệp tính bằng «{value}»: đã nhân với {factor} để quy ra đồng.",
                    en: "Amounts in the file are in \"{value}\": multiplied by {factor} to get đồng.")
            ],
            hints: [:]),
    ]

    private static let byCode: [FindingCode: FindingEntry] = {
        var map: [FindingCode: FindingEntry] = [:]
        for entry in entries { map[entry.code] = entry }
        return map
    }()
}
