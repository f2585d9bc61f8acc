/// The scanner's reused memory for one record: field bytes and field end offsets.
///
/// A class only to own the allocation (freed in `deinit`); the scanner caches the
/// pointers in its own stored properties so the hot loop never goes through the class.
/// Capacity grows by doubling and is bounded by the limits the scanner enforces before
/// it asks for more, so a record never takes more than `maxColumns × maxFieldBytes`.
final class RecordStorage {
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private(set) var byteCapacity: Int
    private(set) var starts: UnsafeMutablePointer<Int>
    private(set) var ends: UnsafeMutablePointer<Int>
    private(set) var endCapacity: Int

    init(byteCapacity: Int = 4096, endCapacity: Int = 32) {
        self.byteCapacity = byteCapacity
        self.endCapacity = endCapacity
        bytes = .allocate(capacity: byteCapacity)
        starts = .allocate(capacity: endCapacity)
        ends = .allocate(capacity: endCapacity)
    }

    deinit {
        bytes.deallocate()
        starts.deallocate()
        ends.deallocate()
    }

    /// Makes room for at least `needed` bytes, keeping the first `used`.
    func growBytes(to needed: Int, keeping used: Int) {
        var capacity = byteCapacity
        while capacity < needed { capacity *= 2 }
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        fresh.update(from: bytes, count: used)
        bytes.deallocate()
        bytes = fresh
        byteCapacity = capacity
    }

    /// Makes room for at least `needed` field bounds, keeping the first `used`.
    func growEnds(to needed: Int, keeping used: Int) {
        var capacity = endCapacity
        while capacity < needed { capacity *= 2 }
        let freshStarts = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
        freshStarts.update(from: starts, count: used)
        starts.deallocate()
        starts = freshStarts
        let freshEnds = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
        freshEnds.update(from: ends, count: used)
        ends.deallocate()
        ends = freshEnds
        endCapacity = capacity
    }
}
