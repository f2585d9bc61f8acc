/// The first (lowest) line seen for each 64-bit duplicate-line key: the only memory that
/// grows with the number of lines while a file is checked.
///
/// A `Dictionary<UInt64, Int32>` costs about 12 bytes a slot at a load of at most ¾, grows
/// by doubling (so a million keys sit in 2²¹ slots, 25 MB), and holds old and new storage
/// at once while it grows (38 MB at that moment); it also hashes every key again with
/// SipHash, although the key is already a well-mixed hash. This table instead:
///
/// - stores keys and line numbers in two parallel arrays (12 bytes a slot, no metadata):
///   a slot is empty when its key is 0 (a key that is 0 is stored as 1; the two then
///   count as one, a chance of 2⁻⁶³);
/// - uses the key's own bits: the top six choose one of 64 shards, the low 32 bits the
///   home slot (multiply-shift, so a shard's capacity need not be a power of two);
/// - grows each shard by half when it is ⅘ full (linear probing stays short at that
///   load), so slots cost 15–23 bytes a key, and only one shard — 1/64 of the table —
///   is ever held twice while it grows.
///
/// Lookups and inserts are O(1) expected; growing a shard is O(its size), amortised O(1).
struct FirstLineTable: Sendable {
    private static let shardBits = 6
    private var shards = [Shard](repeating: Shard(), count: 1 << FirstLineTable.shardBits)

    /// The number of distinct keys remembered.
    private(set) var count = 0

    init() {}

    /// Remembers `line` for `key`. Returns `nil` if the key is new; otherwise the line
    /// remembered so far, and keeps the lower of the two (lines may arrive out of order).
    @inline(__always)
    mutating func remember(_ key: UInt64, line: Int32) -> Int32? {
        let stored = key == 0 ? 1 : key
        let shard = Int(truncatingIfNeeded: stored >> (64 - UInt64(FirstLineTable.shardBits)))
        let earlier = shards[shard].remember(stored, line: line)
        if earlier == nil { count += 1 }
        return earlier
    }

    /// One shard: open addressing with linear probing.
    private struct Shard: Sendable {
        var keys: [UInt64] = []
        var lines: [Int32] = []
        var count = 0

        @inline(__always)
        static func home(_ key: UInt64, _ capacity: Int) -> Int {
            Int(truncatingIfNeeded: ((key & 0xFFFF_FFFF) &* UInt64(truncatingIfNeeded: capacity)) &>> 32)
        }

        mutating func remember(_ key: UInt64, line: Int32) -> Int32? {
            if (count + 1) * 5 > keys.count * 4 { grow() }
            let capacity = keys.count
            var slot = Shard.home(key, capacity)
            while true {
                let found = keys[slot]
                if found == key {
                    let earlier = lines[slot]
                    if line < earlier { lines[slot] = line }
                    return earlier
                }
                if found == 0 {
                    keys[slot] = key
                    lines[slot] = line
                    count += 1
                    return nil
                }
                slot += 1
                if slot == capacity { slot = 0 }
            }
        }

        /// Grows by half (to 16 slots at first) and re-inserts every key.
        private mutating func grow() {
            let capacity = max(16, keys.count + keys.count / 2)
            var newKeys = [UInt64](repeating: 0, count: capacity)
            var newLines = [Int32](repeating: 0, count: capacity)
            for index in keys.indices where keys[index] != 0 {
                let key = keys[index]
                var slot = Shard.home(key, capacity)
                while newKeys[slot] != 0 {
                    slot += 1
                    if slot == capacity { slot = 0 }
                }
                newKeys[slot] = key
                newLines[slot] = lines[index]
            }
            keys = newKeys
            lines = newLines
        }
    }
}
