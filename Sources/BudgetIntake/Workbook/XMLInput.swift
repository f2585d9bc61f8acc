/// The bytes of one XML part, as the scanner sees them: a window refilled from a
/// ``PartReader``, checked as UTF-8 text as the bytes arrive.
///
/// The window starts at 256 KiB and grows (doubling) only when a single tag does not fit,
/// up to ``maxCapacity``; text, CDATA and comments are taken in pieces and never need
/// to fit whole. The XML may start with a UTF-8 byte-order mark; UTF-16 (by BOM or by the
/// NUL bytes of `<` in it) is refused as unsupported rather than reported as invalid
/// UTF-8. Every byte must be well-formed UTF-8 without NUL or C0 controls other than tab,
/// CR and LF (``UTF8Validator``, the CSV reader's own), which is also what XML 1.0 allows.
final class XMLInput {
    static let initialCapacity = 256 << 10
    /// The longest tag accepted (a `<c>` is ~30 bytes; sheet views with thousands of
    /// selected ranges run to kilobytes).
    static let maxCapacity = 1 << 20

    let part: PartReader
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Bytes in the window.
    private(set) var end = 0
    /// Whether the part has no more bytes.
    private(set) var isFinal = false
    /// Bytes dropped from the front of the window so far: a window index plus this is an
    /// offset into the part.
    private(set) var dropped = 0
    private var validator = UTF8Validator()
    private var sawStart = false

    init(_ part: PartReader, capacity: Int = XMLInput.initialCapacity) {
        self.part = part
        self.capacity = min(max(capacity, 64), Self.maxCapacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Keeps the bytes from `keep` on (moved to the front) and reads more after them.
    /// Returns how far the kept bytes moved towards the front (subtract it from indices).
    /// At the end of the part it sets ``isFinal`` and reads nothing.
    func refill(keeping keep: Int) throws(WorkbookProblem) -> Int {
        let kept = end - keep
        if keep > 0 && kept > 0 { base.update(from: base + keep, count: kept) }
        end = kept
        dropped += keep
        if end == capacity {
            guard capacity < Self.maxCapacity else {
                throw .damaged("\(part.entry.name): an XML tag longer than \(Self.maxCapacity) bytes")
            }
            let grown = min(capacity * 2, Self.maxCapacity)
            let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            fresh.update(from: base, count: end)
            base.deallocate()
            base = fresh
            capacity = grown
        }
        guard !isFinal else { return keep }
        let count = try part.read(into: UnsafeMutableBufferPointer(start: base + end, count: capacity - end))
        if count == 0 {
            isFinal = true
            if validator.validate(UnsafeBufferPointer(start: base, count: 0), isFinal: true) != nil {
                throw .damaged("\(part.entry.name): the text ends inside a UTF-8 sequence")
            }
            return keep
        }
        let fresh = UnsafeBufferPointer(start: base + end, count: count)
        if !sawStart {
            sawStart = true
            try Self.checkStart(fresh, part.entry.name)
        }
        if let bad = validator.validate(fresh, isFinal: false) {
            let offset = dropped + end + bad
            throw .damaged("\(part.entry.name): not UTF-8 text (at byte \(offset) of the part)")
        }
        end += count
        return keep
    }

    /// Refuses XML in UTF-16 (a BOM, or `<` as two bytes) by name.
    private static func checkStart(_ first: UnsafeBufferPointer<UInt8>, _ name: String) throws(WorkbookProblem) {
        guard first.count >= 2 else { return }
        let (a, b) = (first[0], first[1])
        if (a == 0xFF && b == 0xFE) || (a == 0xFE && b == 0xFF) || (a == 0x3C && b == 0) || (a == 0 && b == 0x3C) {
            throw .unsupported("\(name): XML in UTF-16")
        }
    }
}
