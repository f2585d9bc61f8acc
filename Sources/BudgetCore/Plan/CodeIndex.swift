/// Positions of a plan's items by code key (``Plan/codeKey(_:)``): an open-addressing table
/// of 32-bit positions beside the list of keys, rather than a dictionary of strings.
///
/// Why: a plan of 200 000 items needed a dictionary of 12 MB to find repeated codes while
/// loading and a second one to find items by code afterwards, hashing every code twice;
/// this table is 2 MB beside the keys (which are most often the codes' own strings), made
/// once by the loader and kept by the plan.
struct CodeIndex: Sendable {
    /// Positions in `keys`, or -1; at most half full.
    private var slots: [Int32]
    /// The key of each position, in order.
    private(set) var keys: [String] = []
    private var mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        keys.reserveCapacity(capacity)
    }

    /// The position whose key is `key`.
    func position(of key: String) -> Int? {
        var slot = key.hashValue & mask
        while true {
            let held = slots[slot]
            if held < 0 { return nil }
            if keys[Int(held)] == key { return Int(held) }
            slot = (slot + 1) & mask
        }
    }

    /// Gives `key` the next position, unless a position already has it: then returns that
    /// one and adds nothing (the loader refuses the repeated item).
    mutating func insert(_ key: String) -> Int? {
        grow(for: keys.count + 1)
        var slot = key.hashValue & mask
        while true {
            let held = slots[slot]
            if held < 0 {
                slots[slot] = Int32(keys.count)
                keys.append(key)
                return nil
            }
            if keys[Int(held)] == key { return Int(held) }
            slot = (slot + 1) & mask
        }
    }

    /// Gives `key` the next position; a later position with the same key replaces the
    /// earlier in look-ups (as a dictionary filled in order would).
    mutating func append(replacing key: String) {
        grow(for: keys.count + 1)
        var slot = key.hashValue & mask
        while true {
            let held = slots[slot]
            if held < 0 || keys[Int(held)] == key {
                slots[slot] = Int32(keys.count)
                keys.append(key)
                return
            }
            slot = (slot + 1) & mask
        }
    }

    /// Keeps the table at most half full.
    private mutating func grow(for count: Int) {
        guard count * 2 > slots.count else { return }
        let old = keys
        self = CodeIndex(capacity: count * 2)
        for key in old { append(replacing: key) }
    }
}
