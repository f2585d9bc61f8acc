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
///
/// ``descriptionKey`` is the 64-bit key of the description folded for case and spacing
/// (``Folding/caseAndSpaceKey(_:)``), which is all the duplicate-line rule needs of the
/// description. It is derived from ``description`` when asked for, except for lines made
/// with ``init(line:number:itemCode:descriptionKey:unit:quantity:unitPrice:amount:note:)``:
/// there the reader did not keep the text (`check` never shows it) and computed the key
/// from the file's bytes, so the key is the only trace of the description (until a
/// description is set, which the key then follows).
public struct EstimateLine: Sendable, Hashable, Codable {
    /// The physical line where the record starts, 1-based.
    public var line: Int
    /// STT as written ("" when absent).
    public var number: String
    /// The item code as written, trimmed.
    public var itemCode: String
    public var description: String {
        didSet { keptDescriptionKey = nil }
    }
    public var unit: String
    public var quantity: Quantity?
    public var unitPrice: Money?
    public var amount: Money?
    public var note: String
    /// The key given by the reader for a description it did not keep; `nil` when the key
    /// follows ``description``.
    @usableFromInline var keptDescriptionKey: UInt64?

    /// ``Folding/caseAndSpaceKey(_:)`` of the description (see the type's documentation).
    ///
    /// Complexity: O(1) when the reader gave the key, else O(n) in the description.
    @inlinable
    public var descriptionKey: UInt64 {
        if let keptDescriptionKey { return keptDescriptionKey }
        return Folding.caseAndSpaceKey(description)
    }

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
        keptDescriptionKey = nil
    }

    /// A line whose text was not kept: the description is empty and only its key is known.
    ///
    /// For readers that validate without keeping lines: making a `String` of every
    /// description costs more than reading the rest of the line. `descriptionKey` must be
    /// what ``Folding/caseAndSpaceKey(_:)`` gives the description as written.
    @inlinable
    public init(
        line: Int, number: String = "", itemCode: String, descriptionKey: UInt64, unit: String = "",
        quantity: Quantity? = nil, unitPrice: Money? = nil, amount: Money?, note: String = ""
    ) {
        self.line = line
        self.number = number
        self.itemCode = itemCode
        self.description = ""
        self.unit = unit
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.amount = amount
        self.note = note
        keptDescriptionKey = descriptionKey
    }

    /// Lines are equal when every field is, the description's key included (which only
    /// differs for lines whose text was not kept).
    public static func == (lhs: EstimateLine, rhs: EstimateLine) -> Bool {
        lhs.line == rhs.line && lhs.number == rhs.number && lhs.itemCode == rhs.itemCode
            && lhs.description == rhs.description && lhs.unit == rhs.unit && lhs.quantity == rhs.quantity
            && lhs.unitPrice == rhs.unitPrice && lhs.amount == rhs.amount && lhs.note == rhs.note
            && (lhs.keptDescriptionKey == nil && rhs.keptDescriptionKey == nil
                || lhs.descriptionKey == rhs.descriptionKey)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(line)
        hasher.combine(number)
        hasher.combine(itemCode)
        hasher.combine(description)
        hasher.combine(unit)
        hasher.combine(quantity)
        hasher.combine(unitPrice)
        hasher.combine(amount)
        hasher.combine(note)
    }

    private enum CodingKeys: String, CodingKey {
        case line, number, itemCode, description, unit, quantity, unitPrice, amount, note
    }

    /// Decodes the fields as written; the key follows the description.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            line: try container.decode(Int.self, forKey: .line),
            number: try container.decode(String.self, forKey: .number),
            itemCode: try container.decode(String.self, forKey: .itemCode),
            description: try container.decode(String.self, forKey: .description),
            unit: try container.decode(String.self, forKey: .unit),
            quantity: try container.decodeIfPresent(Quantity.self, forKey: .quantity),
            unitPrice: try container.decodeIfPresent(Money.self, forKey: .unitPrice),
            amount: try container.decodeIfPresent(Money.self, forKey: .amount),
            note: try container.decode(String.self, forKey: .note))
    }

    /// Encodes the fields as written (not the key, which is derived).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(line, forKey: .line)
        try container.encode(number, forKey: .number)
        try container.encode(itemCode, forKey: .itemCode)
        try container.encode(description, forKey: .description)
        try container.encode(unit, forKey: .unit)
        try container.encodeIfPresent(quantity, forKey: .quantity)
        try container.encodeIfPresent(unitPrice, forKey: .unitPrice)
        try container.encodeIfPresent(amount, forKey: .amount)
        try container.encode(note, forKey: .note)
    }
}
