import BudgetCore
import BudgetFormats

/// `budget template`: the CSV an agency's accountant fills in.
///
/// It carries the key rows the reader uses to attribute the file (`Kế hoạch`,
/// `Mã đơn vị`, `Đơn vị`), the header with the contract's column names, one row per item
/// the plan assigns to the agency (code and title filled, numbers blank), a `Tổng cộng`
/// row and a `Bằng chữ` row. Blank amounts are deliberate: `check` reports them as
/// `missing-amount` until the accountant fills the row in or deletes it.
/// UTF-8 with a BOM, so that Excel opens the Vietnamese text without mojibake.
public struct MakeTemplate: Sendable {
    public init() {}

    public func run(plan: Plan, agency code: String) throws(EngineError) -> [UInt8] {
        guard let agency = plan.agency(matching: code) else { throw Self.unknownAgency(code, plan: plan) }
        return Self.bytes(plan: plan, agency: agency)
    }

    /// Writes the template to `output`; an existing file is replaced only with `force`
    /// (it may be one the accountant already filled in).
    public func run(
        plan: Plan, agency code: String, output: OutputTarget, force: Bool, standardOutput: ([UInt8]) -> Void,
        fileSystem: LocalFileSystem = LocalFileSystem()
    ) throws(EngineError) {
        if case .file(let path) = output { try OutputGuard(fileSystem: fileSystem).checkFile(path, force: force) }
        let bytes = try run(plan: plan, agency: code)
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
        var rows: [[Cell]] = []
        for (n, item) in plan.items(assignedTo: agency.code).enumerated() {
            rows.append([
                .integer(Int64(n + 1)), text(item.code), text(item.title), .empty, .empty, .empty, .empty, .empty,
            ])
        }
        rows.append([.empty, .empty, text("Tổng cộng"), .empty, .empty, .empty, .empty, .empty])
        rows.append([.empty, .empty, text("Bằng chữ: "), .empty, .empty, .empty, .empty, .empty])
        // These writes go to memory and cannot fail; a failure would be a programming error
        // in the writer, reported as an empty template rather than a crash.
        do {
            for (index, record) in preamble.enumerated() {
                let sheet = TableSheet(
                    name: "", columns: record.map { _ in TableColumn("") }, rows: [record])
                try CSVWriter.write(sheet, to: &sink, options: CSVOptions(byteOrderMark: index == 0, header: false))
            }
            let table = TableSheet(
                name: "", columns: columns.map { TableColumn($0.vietnameseName) }, rows: rows)
            try CSVWriter.write(table, to: &sink, options: CSVOptions(byteOrderMark: false, header: true))
        } catch {
            return []
        }
        return sink.bytes
    }
}
