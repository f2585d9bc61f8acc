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
/// The slots live in manually allocated memory owned by one final class, so the hot path
/// does no array bounds or uniqueness checks beyond one `isKnownUniquelyReferenced` per
/// call; the struct keeps value semantics by copying that storage before mutating a
/// shared one (copy-on-write).
///
/// Lookups and inserts are O(1) expected; growing a shard is O(its size), amortised O(1).
struct FirstLineTable: Sendable {
    private var storage = Storage()

    init() {}

    /// The number of distinct keys remembered.
    var count: Int { storage.count }

    /// Remembers `line` for `key`. Returns `nil` if the key is new; otherwise the line
    /// remembered so far, and keeps the lower of the two (lines may arrive out of order).
    @inline(__always)
    mutating func remember(_ key: UInt64, line: Int32) -> Int32? {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage.remember(key == 0 ? 1 : key, line: line)
    }

    /// One shard's slots: open addressing with linear probing.
    private struct Shard {
        var keys: UnsafeMutablePointer<UInt64>?
        var lines: UnsafeMutablePointer<Int32>?
        var capacity = 0
        var count = 0
        /// Grow before `count` exceeds this (⅘ of `capacity`).
        var limit = 0
    }

    /// The shards and their slots. `@unchecked Sendable`: it is only mutated through a
    /// `FirstLineTable` that holds the sole reference (checked before each mutation).
    private final class Storage: @unchecked Sendable {
        static let shardBits: UInt64 = 6
        static let shardCount = 1 << shardBits
        // Only `let` properties: a `var` of a class costs a dynamic exclusivity check on
        // every access; the mutable state lives behind the pointer.
        let shards: UnsafeMutablePointer<Shard>

        init() {
            shards = .allocate(capacity: Storage.shardCount)
            shards.initialize(repeating: Shard(), count: Storage.shardCount)
        }

        deinit {
            for index in 0..<Storage.shardCount {
                shards[index].keys?.deallocate()
                shards[index].lines?.deallocate()
            }
            shards.deinitialize(count: Storage.shardCount)
            shards.deallocate()
        }

        var count: Int { (0..<Storage.shardCount).reduce(0) { $0 + shards[$1].count } }

        /// A copy with its own slots.
        func copy() -> Storage {
            let copy = Storage()
            for index in 0..<Storage.shardCount {
                let shard = shards[index]
                guard let keys = shard.keys, let lines = shard.lines else { continue }
                let newKeys = UnsafeMutablePointer<UInt64>.allocate(capacity: shard.capacity)
                newKeys.initialize(from: keys, count: shard.capacity)
                let newLines = UnsafeMutablePointer<Int32>.allocate(capacity: shard.capacity)
                newLines.initialize(from: lines, count: shard.capacity)
                copy.shards[index] = Shard(
                    keys: newKeys, lines: newLines, capacity: shard.capacity, count: shard.count, limit: shard.limit)
            }
            return copy
        }

        @inline(__always)
        static func home(_ key: UInt64, _ capacity: Int) -> Int {
            Int(truncatingIfNeeded: ((key & 0xFFFF_FFFF) &* UInt64(truncatingIfNeeded: capacity)) &>> 32)
        }

        @inline(__always)
        func remember(_ key: UInt64, line: Int32) -> Int32? {
            let shard = shards + Int(truncatingIfNeeded: key &>> (64 &- Storage.shardBits))
            if shard.pointee.count >= shard.pointee.limit { grow(shard) }
            guard let keys = shard.pointee.keys, let lines = shard.pointee.lines else { return nil }
            let capacity = shard.pointee.capacity
            var slot = Storage.home(key, capacity)
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
                    shard.pointee.count &+= 1
                    return nil
                }
                slot &+= 1
                if slot == capacity { slot = 0 }
            }
        }

        /// Grows a shard by half (to 16 slots at first) and re-inserts its keys.
        private func grow(_ shard: UnsafeMutablePointer<Shard>) {
            let old = shard.pointee
            let capacity = max(16, old.capacity + old.capacity / 2)
            let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
            keys.initialize(repeating: 0, count: capacity)
            let lines = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
            lines.initialize(repeating: 0, count: capacity)
            if let oldKeys = old.keys, let oldLines = old.lines {
                for index in 0..<old.capacity where oldKeys[index] != 0 {
                    let key = oldKeys[index]
                    var slot = Storage.home(key, capacity)
                    while keys[slot] != 0 {
                        slot &+= 1
                        if slot == capacity { slot = 0 }
                    }
                    keys[slot] = key
                    lines[slot] = oldLines[index]
                }
                oldKeys.deallocate()
                oldLines.deallocate()
            }
            shard.pointee = Shard(
                keys: keys, lines: lines, capacity: capacity, count: old.count, limit: capacity * 4 / 5)
        }
    }
}
