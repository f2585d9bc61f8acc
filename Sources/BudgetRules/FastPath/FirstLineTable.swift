/// The first (lowest) line seen for each 64-bit duplicate-line key, looked up line by
/// line: what `duplicate-line` remembers when it runs alone
/// (``DuplicateLineRule/check(_:_:_:_:)``), and what ``DuplicateLog`` replays its
/// candidates into when the validator runs it.
///
/// A `Dictionary<UInt64, Int32>` costs about 12 bytes a slot at a load of at most ¾, grows
/// by doubling (so a million keys sit in 2²¹ slots, 25 MB), and holds old and new storage
/// at once while it grows (38 MB at that moment); it also hashes every key again with
/// SipHash, although the key is already a well-mixed hash. This table instead:
///
/// - stores a key and its line number together in one 12-byte slot (no metadata), so a
///   look-up or an insert touches one cache line, not one in each of two arrays: a slot
///   is empty when its key is 0 (a key that is 0 is stored as 1; the two then count as
///   one, a chance of 2⁻⁶³);
/// - uses the key's own bits: the top six choose one of 64 shards, the low 32 bits the
///   home slot (multiply-shift, so a shard's capacity need not be a power of two);
/// - grows each shard by half when it is ⅘ full (linear probing stays short at that
///   load), so slots cost 15–23 bytes a key, and only one shard — 1/64 of the table —
///   is ever held twice while it grows;
/// - can be sized up front for an expected number of keys (``init(expectedKeys:)``),
///   so that a large file neither grows its shards nor re-inserts their keys; a wrong
///   guess changes only memory and time, never what the table answers.
///
/// The slots live in manually allocated memory owned by one final class, so the hot path
/// does no array bounds or uniqueness checks beyond one `isKnownUniquelyReferenced` per
/// call; the struct keeps value semantics by copying that storage before mutating a
/// shared one (copy-on-write).
///
/// Lookups and inserts are O(1) expected; growing a shard is O(its size), amortised O(1).
struct FirstLineTable: Sendable {
    private var storage: Storage

    init() { storage = Storage(expectedKeys: 0) }

    /// A table with room for about `expectedKeys` keys before any shard grows.
    /// `expectedKeys` is clamped to `0...maxExpectedKeys`.
    init(expectedKeys: Int) { storage = Storage(expectedKeys: min(max(0, expectedKeys), Self.maxExpectedKeys)) }

    /// The most keys a table is sized for up front (about 100 MB of slots); beyond that
    /// it grows as keys come.
    static let maxExpectedKeys = 1 << 23

    /// The number of distinct keys remembered.
    var count: Int { storage.count }

    /// The slots of all shards (for tests of the sizing).
    var capacity: Int { storage.capacity }

    /// Remembers `line` for `key`. Returns `nil` if the key is new; otherwise the line
    /// remembered so far, and keeps the lower of the two (lines may arrive out of order).
    @inline(__always)
    mutating func remember(_ key: UInt64, line: Int32) -> Int32? {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage.remember(key == 0 ? 1 : key, line: line)
    }

    /// A key and its line; a key of 0 marks an empty slot.
    private typealias Slot = KeyAndLine

    /// One shard's slots: open addressing with linear probing.
    private struct Shard {
        var slots: UnsafeMutablePointer<Slot>?
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
        /// Shards with room for `expectedKeys` keys in all (none if 0): each gets its
        /// share plus four standard deviations of the share (keys spread over shards
        /// binomially), at most ⅘ full.
        init(expectedKeys: Int) {
            shards = .allocate(capacity: Storage.shardCount)
            shards.initialize(repeating: Shard(), count: Storage.shardCount)
            guard expectedKeys > 0 else { return }
            let share = (expectedKeys + Storage.shardCount - 1) / Storage.shardCount
            var root = 1
            while root * root < share { root += 1 }
            let keys = share + 4 * root + 1
            let capacity = max(16, keys + keys / 4 + 1)
            for index in 0..<Storage.shardCount { Storage.allocate(shards + index, capacity: capacity) }
        }

        deinit {
            for index in 0..<Storage.shardCount {
                shards[index].slots?.deallocate()
            }
            shards.deinitialize(count: Storage.shardCount)
            shards.deallocate()
        }

        var count: Int { (0..<Storage.shardCount).reduce(0) { $0 + shards[$1].count } }

        var capacity: Int { (0..<Storage.shardCount).reduce(0) { $0 + shards[$1].capacity } }

        /// Gives an empty shard `capacity` empty slots.
        private static func allocate(_ shard: UnsafeMutablePointer<Shard>, capacity: Int) {
            let slots = UnsafeMutablePointer<Slot>.allocate(capacity: capacity)
            slots.initialize(repeating: Slot(key: 0, line: 0), count: capacity)
            shard.pointee = Shard(slots: slots, capacity: capacity, count: 0, limit: capacity * 4 / 5)
        }

        /// A copy with its own slots.
        func copy() -> Storage {
            let copy = Storage(expectedKeys: 0)
            for index in 0..<Storage.shardCount {
                let shard = shards[index]
                guard let slots = shard.slots else { continue }
                let newSlots = UnsafeMutablePointer<Slot>.allocate(capacity: shard.capacity)
                newSlots.initialize(from: slots, count: shard.capacity)
                copy.shards[index] = Shard(
                    slots: newSlots, capacity: shard.capacity, count: shard.count, limit: shard.limit)
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
            guard let slots = shard.pointee.slots else { return nil }
            let capacity = shard.pointee.capacity
            var slot = Storage.home(key, capacity)
            while true {
                let found = slots[slot].key
                if found == key {
                    let earlier = slots[slot].line
                    if line < earlier { slots[slot].line = line }
                    return earlier
                }
                if found == 0 {
                    slots[slot] = Slot(key: key, line: line)
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
            let slots = UnsafeMutablePointer<Slot>.allocate(capacity: capacity)
            slots.initialize(repeating: Slot(key: 0, line: 0), count: capacity)
            if let oldSlots = old.slots {
                for index in 0..<old.capacity {
                    let entry = oldSlots[index]
                    let key = entry.key
                    guard key != 0 else { continue }
                    var slot = Storage.home(key, capacity)
                    while slots[slot].key != 0 {
                        slot &+= 1
                        if slot == capacity { slot = 0 }
                    }
                    slots[slot] = entry
                }
                oldSlots.deallocate()
            }
            shard.pointee = Shard(slots: slots, capacity: capacity, count: old.count, limit: capacity * 4 / 5)
        }
    }
}
