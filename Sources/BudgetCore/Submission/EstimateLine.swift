/// The fields of an estimate line, as the columns of a submission name them.
public enum ColumnField: String, Sendable, Hashable, CaseIterable, Codable {
    /// STT: the row number as written.
    case number
    /// Mã nội dung: the plan item code. Required.
    case itemCode
    /// Nội dung: the description.
    case description
    /// Đơn vị tính: the unit of measure.
    case unit
    /// Số lượng.
    case quantity
    /// Đơn giá (đồng).
    case unitPrice
    /// Thành tiền (đồng). Required.
    case amount
    /// Ghi chú.
    case note

    /// The Vietnamese column name the template uses.
    public var vietnameseName: String {
        switch self {
        case .number: "STT"
        case .itemCode: "Mã nội dung"
        case .description: "Nội dung"
        case .unit: "Đơn vị tính"
        case .quantity: "Số lượng"
        case .unitPrice: "Đơn giá"
        case .amount: "Thành tiền"
        case .note: "Ghi chú"
        }
    }

    /// The English column name the reader also accepts.
    public var englishName: String {
        switch self {
        case .number: "No"
        case .itemCode: "Code"
        case .description: "Description"
        case .unit: "Unit"
        case .quantity: "Quantity"
        case .unitPrice: "Unit price"
        case .amount: "Amount"
        case .note: "Note"
        }
    }
}

/// Where a field sits in a file: the header's own spelling and the 1-based column number.
public struct ColumnRef: Hashable, Sendable, Codable {
    public var name: String
    public var number: Int

    public init(name: String, number: Int) {
        self.name = name
        self.number = number
    }
}

/// One estimate line read from a submission, before validation against the plan.
///
/// Numbers are already exact (amounts in whole đồng after the file's money scale);
/// a cell that could not be read is `nil` and has its finding. Text is NFC and trimmed.
public struct EstimateLine: Sendable, Hashable, Codable {
    /// The physical line where the record starts, 1-based.
    public var line: Int
    /// STT as written ("" when absent).
    public var number: String
    /// The item code as written, trimmed.
    public var itemCode: String
    public var description: String
    public var unit: String
    public var quantity: Quantity?
    public var unitPrice: Money?
    public var amount: Money?
    public var note: String

    public init(
        line: Int, number: String = "", itemCode: String, description: String = "",
        unit: String = "", quantity: Quantity? = nil, unitPrice: Money? = nil,
        amount: Money?, note: String = ""
    ) {
        self.line = line
        self.number = number
        self.itemCode = itemCode
        self.description = description
        self.unit = unit
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.amount = amount
        self.note = note
    }
}
