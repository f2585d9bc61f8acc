import BudgetCore
import BudgetFormats
import Foundation

/// The formats `template` writes.
public enum TemplateFormat: String, Sendable, CaseIterable {
    case csv, xlsx

    /// The format a file name asks for when `--format` is not given: `.xlsx` (any case)
    /// is a workbook, anything else (standard output too) CSV.
    public static func implied(by output: OutputTarget) -> TemplateFormat {
        if case .file(let path) = output, path.lowercased().hasSuffix(".xlsx") { return .xlsx }
        return .csv
    }
}

/// `budget template`: the file an agency's accountant fills in, as CSV or as an Excel
/// workbook.
///
/// Both carry the key rows the reader uses to attribute the file (`Kế hoạch`,
/// `Mã đơn vị`, `Đơn vị`), the header with the contract's column names, one row per item
/// the plan assigns to the agency (code and title filled, numbers blank), a `Tổng cộng`
/// row and a `Bằng chữ` row. Blank amounts are deliberate: `check` reports them as
/// `missing-amount` until the accountant fills the row in or deletes it.
///
/// The CSV is UTF-8 with a BOM, so that Excel opens the Vietnamese text without mojibake.
/// The workbook (``xlsxBytes(plan:agency:now:)``) has one sheet to fill in, named
/// ``sheetName``, and a second listing the agency's items.
public struct MakeTemplate: Sendable {
    public init() {}

    /// The CSV template.
    public func run(plan: Plan, agency code: String) throws(EngineError) -> [UInt8] {
        try run(plan: plan, agency: code, format: .csv, now: Date(timeIntervalSince1970: 0))
    }

    /// The template in `format`; `now` dates the workbook (its properties and ZIP entries),
    /// so that the same plan, agency and clock give the same bytes.
    public func run(plan: Plan, agency code: String, format: TemplateFormat, now: Date) throws(EngineError) -> [UInt8] {
        guard let agency = plan.agency(matching: code) else { throw Self.unknownAgency(code, plan: plan) }
        switch format {
        case .csv: return Self.bytes(plan: plan, agency: agency)
        case .xlsx: return try Self.xlsxBytes(plan: plan, agency: agency, now: now)
        }
    }

    /// Writes the template to `output`; an existing file is replaced only with `force`
    /// (it may be one the accountant already filled in).
    public func run(
        plan: Plan, agency code: String, format: TemplateFormat = .csv, now: Date = Date(), output: OutputTarget,
        force: Bool, standardOutput: ([UInt8]) -> Void, fileSystem: LocalFileSystem = LocalFileSystem()
    ) throws(EngineError) {
        if case .file(let path) = output { try OutputGuard(fileSystem: fileSystem).checkFile(path, force: force) }
        let bytes = try run(plan: plan, agency: code, format: format, now: now)
        switch output {
        case .standardOutput: standardOutput(bytes)
        case .file(let path):
            try fileSystem.replaceFile(at: path) { sink in try bytes.withUnsafeBytes { try sink.write($0) } }
        }
    }

    /// The usage error for an agency code the plan does not have, with the nearest one.
    static func unknownAgency(_ code: String, plan: Plan) -> EngineError {
        let near = Suggest.nearest(code, in: plan.agencies.map(\.code))
        let list = plan.agencies.map(\.code).joined(separator: ", ")
        return EngineError(
            .usage,
            Localized(
                vi: "đơn vị «\(code)» không có trong kế hoạch" + (near.map { "; có phải «\($0)»?" } ?? "")
                    + " (các đơn vị: \(list))",
                en: "agency \"\(code)\" is not in the plan" + (near.map { "; did you mean \"\($0)\"?" } ?? "")
                    + " (agencies: \(list))"))
    }

    static let columns: [ColumnField] = [
        .number, .itemCode, .description, .unit, .quantity, .unitPrice, .amount, .note,
    ]

    static func bytes(plan: Plan, agency: Party) -> [UInt8] {
        var sink = BufferSink()
        let text = { (s: String) in Cell.text(s) }
        // Title and key rows: short records, as a person would type them.
        let preamble: [[Cell]] = [
            [text("DỰ TOÁN KINH PHÍ")],
            [text("Kế hoạch"), text(plan.id)],
            [text("Mã đơn vị"), text(agency.code)],
            [text("Đơn vị"), text(agency.name)],
            [],
        ]
        // The item rows are made one at a time as the writer asks for them: made up front
        // for a plan of 200 000 items, they took 120 MB.
        var items = plan.items.lazy.filter { $0.isAssigned(to: agency.code) }.makeIterator()
        var n: Int64 = 0
        var closing: [[Cell]] = [
            [.empty, .empty, text("Tổng cộng"), .empty, .empty, .empty, .empty, .empty],
            [.empty, .empty, text("Bằng chữ: "), .empty, .empty, .empty, .empty, .empty],
        ]
        let nextRow = { () -> [Cell]? in
            if let item = items.next() {
                n += 1
                return [.integer(n), text(item.code), text(item.title), .empty, .empty, .empty, .empty, .empty]
            }
            return closing.isEmpty ? nil : closing.removeFirst()
        }
        // These writes go to memory and cannot fail; a failure would be a programming error
        // in the writer, reported as an empty template rather than a crash.
        do {
            for (index, record) in preamble.enumerated() {
                let sheet = TableSheet(
                    name: "", columns: record.map { _ in TableColumn("") }, rows: [record])
                try CSVWriter.write(sheet, to: &sink, options: CSVOptions(byteOrderMark: index == 0, header: false))
            }
            let table = TableSheet(
                name: "", columns: columns.map { TableColumn($0.vietnameseName) }, nextRow: nextRow)
            try CSVWriter.write(table, to: &sink, options: CSVOptions(byteOrderMark: false, header: true))
        } catch {
            return []
        }
        return sink.bytes
    }

    // MARK: The workbook

    /// The name of the sheet to fill in, which the XLSX reader looks for.
    public static let sheetName = "Dự toán"
    /// The sheet listing the agency's items, the source of the item-code drop-down.
    static let listSheetName = "Nội dung được giao"
    /// Empty rows below the items, with the drop-down and the amount formula, for lines
    /// the accountant adds.
    static let extraRows = 10
    /// The header's row: after the title, three key rows and a blank row, as in the CSV.
    static let headerRow = 6

    /// The workbook: the sheet ``sheetName`` to fill in (the title across the sheet, key
    /// rows with their labels over the first two columns and values in the third, header, one row per
    /// assigned item and ``extraRows`` empty ones; the item code chosen from a drop-down of
    /// the agency's codes; the amount `=IF(OR(E7="",F7=""),"",E7*F7)`; the total
    /// `=SUM(…)`; a `Bằng chữ` row), and the sheet ``listSheetName`` of the agency's items.
    ///
    /// Every formula carries a cached value, blank, so a file saved by a program that does
    /// not recalculate still reads as the blank CSV template does: a blank amount is
    /// `missing-amount`, a blank total no total. The workbook asks to be recalculated when
    /// opened (`fullCalcOnLoad`), so Excel and LibreOffice show the figures typed since.
    static func xlsxBytes(plan: Plan, agency: Party, now: Date) throws(EngineError) -> [UInt8] {
        let items = plan.items(assignedTo: agency.code)
        let columns: [TableColumn] = [
            TableColumn(ColumnField.number.vietnameseName, kind: .integer, width: 5),
            TableColumn(ColumnField.itemCode.vietnameseName, width: 13),
            TableColumn(ColumnField.description.vietnameseName, width: 46, wraps: true),
            TableColumn(ColumnField.unit.vietnameseName, width: 10, wraps: true),
            TableColumn(ColumnField.quantity.vietnameseName, kind: .decimal, width: 10),
            TableColumn(ColumnField.unitPrice.vietnameseName, kind: .amount, width: 15),
            TableColumn(ColumnField.amount.vietnameseName, kind: .amount, width: 17),
            TableColumn(ColumnField.note.vietnameseName, width: 20, wraps: true),
        ]
        let quantity = 4
        let price = 5
        let amount = 6
        // Each label spans the two narrow first columns; its value is the next cell, as the
        // reader takes it ("the next non-empty cell").
        let head: [[XLSXFormCell]] = [
            [.value("DỰ TOÁN KINH PHÍ")], [.value("Kế hoạch"), .value(.empty), .value(.text(plan.id))],
            [.value("Mã đơn vị"), .value(.empty), .value(.text(agency.code))],
            [.value("Đơn vị"), .value(.empty), .value(.text(agency.name))], [],
            columns.map { .value(.text($0.title)) },
        ]
        let first = headerRow + 1
        let last = first + items.count + extraRows - 1
        @Sendable func line(_ row: Int, number: Cell, code: Cell, title: Cell) -> [XLSXFormCell] {
            [
                .value(number), .value(code), .value(title), .value(.empty), .value(.empty), .value(.empty),
                .formula(.product(row: row, columns: quantity, price), cached: .empty), .value(.empty),
            ]
        }
        // The head, a row per item, the empty rows, the total and the words: made as the
        // writer asks for them (an agency may be given every item of a plan of 200 000).
        let tail: [[XLSXFormCell]] = [
            [
                .value(.empty), .value(.empty), .value("Tổng cộng"), .value(.empty), .value(.empty), .value(.empty),
                .formula(.sum(column: amount, rows: first...last), cached: .empty), .value(.empty),
            ],
            [.value(.empty), .value(.empty), .value("Bằng chữ: ")],
        ]
        let itemCount = items.count
        let rowCount = head.count + itemCount + extraRows + tail.count
        let row: @Sendable (Int) -> [XLSXFormCell] = { index in
            if index < head.count { return head[index] }
            let n = index - head.count
            if n < itemCount {
                let item = items[n]
                return line(first + n, number: .integer(Int64(n + 1)), code: .text(item.code), title: .text(item.title))
            }
            if n < itemCount + extraRows { return line(first + n, number: .empty, code: .empty, title: .empty) }
            return tail[n - itemCount - extraRows]
        }
        var validations: [XLSXListValidation] = []
        if !items.isEmpty {
            validations.append(
                XLSXListValidation(
                    column: 1, rows: first...last, sourceSheet: listSheetName, sourceColumn: 0,
                    sourceRows: 2...(items.count + 1), promptTitle: "Mã nội dung",
                    prompt:
                        "Chọn mã nội dung được giao cho \(agency.code) trong danh sách (trang tính “\(listSheetName)”).",
                    errorTitle: "Mã nội dung không được giao",
                    error: "Mã này không có trong danh sách nội dung kế hoạch giao cho \(agency.code); "
                        + "xem trang tính “\(listSheetName)”."))
        }
        let form = XLSXForm(
            name: sheetName, columns: columns, rowCount: rowCount, row: row, headerRow: headerRow,
            validations: validations,
            orientation: .landscape, titleRow: 1,
            merges: [XLSXMerge(row: 1, columns: 0...(columns.count - 1))]
                + (2...4).map { XLSXMerge(row: $0, columns: 0...1) })
        var listed = items.makeIterator()
        let list = TableSheet(
            name: listSheetName,
            columns: [
                TableColumn("Mã nội dung", width: 13), TableColumn("Nội dung", width: 60, wraps: true),
                TableColumn("Mức trần (đồng)", kind: .amount, width: 18),
            ]
        ) {
            // Made as the writer asks, not all at once (a plan of 200 000 items).
            guard let item = listed.next() else { return nil }
            return [Cell.text(item.code), .text(item.title), item.cap.map { .amount($0.dong) } ?? .empty]
        }
        var xlsx = XLSXWriter(
            sink: BufferSink(),
            options: XLSXOptions(
                created: now, timeZone: plan.timeZone, title: "Dự toán kinh phí — \(agency.code) — \(plan.id)",
                author: agency.name))
        do {
            try xlsx.addForm(form)
            try xlsx.addSheet(list)
            try xlsx.finish()
        } catch {
            // Only a malformed form can get here (the sink is memory): a programming error,
            // reported rather than trapped.
            throw EngineError(
                .environment,
                Localized(
                    vi: "không lập được mẫu Excel: \(error)", en: "the Excel template could not be made: \(error)"))
        }
        return xlsx.sink.bytes
    }
}
