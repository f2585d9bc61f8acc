/// "Did you mean …?": the nearest candidate by edit distance.
public enum Suggest {
    /// The candidate nearest to `text` (case-insensitive Levenshtein distance), if it is
    /// close enough to be a plausible typo: at most a third of the longer string, and at
    /// most 3 edits.
    ///
    /// Complexity: O(n · m · k) for k candidates of length m and text of length n.
    public static func nearest(_ text: String, in candidates: [String]) -> String? {
        let a = Array(text.uppercased().unicodeScalars)
        var best: (String, Int)? = nil
        for candidate in candidates {
            let b = Array(candidate.uppercased().unicodeScalars)
            let d = distance(a, b)
            let allowed = min(3, max(1, max(a.count, b.count) / 3))
            guard d <= allowed, d > 0 || a != b else { continue }
            if let current = best, current.1 <= d { continue }
            best = (candidate, d)
        }
        return best?.0
    }

    /// Levenshtein distance between two scalar arrays.
    public static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
