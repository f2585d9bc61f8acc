/// The item codes, as written, of the lines a reader hands on as ``KeyedLine``s: each
/// distinct code once, numbered from 0 in the order first seen.
///
/// A consumer resolves a code number once (to a plan item, say) and then reads every line
/// with that number by index. The table is bounded: when it holds ``limit`` codes the
/// reader starts it afresh (``reset()``) between two batches of lines — never while a
/// consumer holds numbers of the old ones — and ``generation`` tells consumers to forget
/// what they resolved. So a file of endless different codes costs bounded memory.
public final class ItemCodes {
    /// The most codes held before the table starts afresh.
    public static let limit = 4_096

    /// Bumped by each ``reset()``: numbers of an older generation mean nothing now.
    ///
    /// Read for every line, so kept behind a pointer the object owns: a stored `var` of a
    /// class costs a dynamic exclusivity check on each access.
    public var generation: Int { counter.pointee }
    private let counter: UnsafeMutablePointer<Int> = {
        let counter = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        counter.initialize(to: 0)
        return counter
    }()
    private var texts: [String] = []
    private var numbers: [String: Int32] = [:]

    /// Room for a plan's worth of codes from the start: a table grown from empty rehashed
    /// every code at each doubling, which made numbering a file's sixty codes cost more
    /// than reading a tenth of its lines.
    public init() {
        texts.reserveCapacity(64)
        numbers.reserveCapacity(64)
    }

    deinit { counter.deallocate() }

    /// The number of codes held.
    public var count: Int { texts.count }

    /// Whether the table is full and should start afresh at the next opportunity.
    public var isFull: Bool { texts.count >= ItemCodes.limit }

    /// The code numbered `number`.
    public func text(_ number: Int32) -> String { texts[Int(number)] }

    /// The number of `text`, numbering it if it is new.
    public func number(_ text: String) -> Int32 {
        if let known = numbers[text] { return known }
        let number = Int32(truncatingIfNeeded: texts.count)
        texts.append(text)
        numbers[text] = number
        return number
    }

    /// Forgets every code and starts a new ``generation``.
    public func reset() {
        texts.removeAll(keepingCapacity: true)
        numbers.removeAll(keepingCapacity: true)
        counter.pointee += 1
    }
}
