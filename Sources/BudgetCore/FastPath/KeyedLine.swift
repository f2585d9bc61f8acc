/// An estimate line as `check` judges it: its line number, item, description key and
/// figures — none of its text.
///
/// Why it exists: `check` never shows a line's text, and an ``EstimateLine`` is five
/// strings in 160 bytes; moving a million of them through the reader's queue and the rules
/// cost more than reading them. A keyed line is 48 bytes of plain data (copied as bytes,
/// nothing to retain or release). The item code is an index into the reader's
/// ``ItemCodes``, which holds each distinct code once; the description is only its key
/// (``EstimateLine/descriptionKey``).
///
/// ``estimateLine(codes:)`` gives the ``EstimateLine`` the reader would have made with its
/// text dropped: the two forms judge alike by construction, since a consumer that does not
/// read keyed lines itself receives exactly that line.
public struct KeyedLine: Sendable, Hashable, BitwiseCopyable {
    /// The physical line where the record starts, 1-based.
    public var line: Int
    /// ``Folding/caseAndSpaceKey(_:)`` of the description as written.
    public var descriptionKey: UInt64
    private var amountDong: Int64
    private var priceDong: Int64
    private var quantityMantissa: Int64
    /// The item code as written: its index in the reader's ``ItemCodes``.
    public var code: Int32
    private var quantityScale: UInt8
    /// Which of amount, unit price and quantity are present (bits 0, 1, 2).
    private var present: UInt8

    public init(
        line: Int, code: Int32, descriptionKey: UInt64, quantity: Quantity?, unitPrice: Money?, amount: Money?
    ) {
        self.line = line
        self.code = code
        self.descriptionKey = descriptionKey
        amountDong = amount?.dong ?? 0
        priceDong = unitPrice?.dong ?? 0
        quantityMantissa = quantity?.mantissa ?? 0
        quantityScale = UInt8(truncatingIfNeeded: quantity?.scale ?? 0)
        present = (amount == nil ? 0 : 1) | (unitPrice == nil ? 0 : 2) | (quantity == nil ? 0 : 4)
    }

    /// `line` with its text dropped and its code at index `code` of the codes it came with.
    public init(_ line: EstimateLine, code: Int32) {
        self.init(
            line: line.line, code: code, descriptionKey: line.descriptionKey, quantity: line.quantity,
            unitPrice: line.unitPrice, amount: line.amount)
    }

    /// Thành tiền, in whole đồng, if the cell was read.
    @inline(__always)
    public var amount: Money? { present & 1 != 0 ? Money(dong: amountDong) : nil }

    /// Đơn giá, in whole đồng, if the cell was read.
    @inline(__always)
    public var unitPrice: Money? { present & 2 != 0 ? Money(dong: priceDong) : nil }

    /// Số lượng, if the cell was read.
    @inline(__always)
    public var quantity: Quantity? {
        present & 4 != 0 ? Quantity(mantissa: quantityMantissa, scale: Int(quantityScale)) : nil
    }

    /// The line as an ``EstimateLine`` without its text: the item code from `codes`, the
    /// description as its key only (``EstimateLine/init(line:number:itemCode:descriptionKey:unit:quantity:unitPrice:amount:note:)``).
    public func estimateLine(codes: ItemCodes) -> EstimateLine {
        EstimateLine(
            line: line, itemCode: codes.text(code), descriptionKey: descriptionKey, quantity: quantity,
            unitPrice: unitPrice, amount: amount)
    }
}
