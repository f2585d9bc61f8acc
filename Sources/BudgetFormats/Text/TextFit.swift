/// How many lines a text takes when wrapped in a column of a given width: an estimate from
/// typical glyph widths of a serif font (Times New Roman and its metric twin Liberation
/// Serif), on the generous side, so that a row made this tall never clips its text.
///
/// Widths are in the unit spreadsheets measure columns in: the width of a digit. A
/// spreadsheet does not size rows itself when it opens a file (LibreOffice keeps the
/// default height, Excel refits only a row that is edited), so the writer sets the height
/// of a row whose text wraps, and this is how it knows how tall.
///
/// One pass over the Unicode scalars, no allocation: the lines sheet measures a million
/// descriptions.
enum TextFit {
    /// Times New Roman's advance widths of the printable ASCII characters (0x20…0x7E), in
    /// digit widths (half an em), rounded up to a hundredth.
    private static let ascii: [Double] = [
        // space ! " # $ % & ' ( ) * + , - . /
        0.5, 0.67, 0.82, 1, 1, 1.67, 1.56, 0.36, 0.67, 0.67, 1, 1.13, 0.5, 0.67, 0.5, 0.56,
        // 0 … 9 : ; < = > ?
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.56, 0.56, 1.13, 1.13, 1.13, 0.89,
        // @ A … O
        1.85, 1.45, 1.34, 1.34, 1.45, 1.23, 1.12, 1.45, 1.45, 0.67, 0.78, 1.45, 1.23, 1.78, 1.45, 1.45,
        // P … Z [ \ ] ^ _
        1.12, 1.45, 1.34, 1.12, 1.23, 1.45, 1.45, 1.89, 1.45, 1.45, 1.23, 0.67, 0.56, 0.67, 0.94, 1,
        // ` a … o
        0.67, 0.89, 1, 0.89, 1, 0.89, 0.67, 1, 1, 0.56, 0.56, 1, 0.56, 1.56, 1, 1,
        // p … z { | } ~
        1, 1, 0.67, 0.78, 0.56, 1, 1, 1.45, 1, 1, 0.89, 0.96, 0.4, 0.96, 1.09,
    ]

    /// The most digit widths one byte of UTF-8 can take: "W" (1.89) in one byte.
    static let widestPerByte = 1.9

    /// Whether each scalar of U+00C0…U+1FFF is uppercase, looked up once: asking Unicode's
    /// properties for every letter of a million descriptions cost a twentieth of a package.
    private static let uppercase: [Bool] = (0xC0...0x1FFF).map { Unicode.Scalar($0)?.properties.isUppercase ?? false }

    /// The estimated width of `scalar`, in digit widths; combining marks take none.
    @inline(__always)
    static func width(of scalar: Unicode.Scalar) -> Double {
        let value = scalar.value
        if value >= 0x20 && value <= 0x7E { return ascii[Int(value - 0x20)] }
        switch value {
        case 0x300...0x36F: return 0  // combining marks
        case 0xC0...0x1FFF:
            // Latin letters with marks (Vietnamese): about as wide as their base letter,
            // "ư" and "ơ" a little wider.
            return uppercase[Int(value - 0xC0)] ? 1.45 : 1.05
        case 0x2013, 0x2014: return value == 0x2013 ? 1 : 2  // – —
        default: return 1.2
        }
    }

    /// The number of lines `text` takes in a column `width` digits wide (at least one):
    /// words wrap at spaces, a word longer than a line is broken, line breaks are kept.
    /// `scale` is the font's size relative to the body's (1.17 for a 14-point title over
    /// 12-point text, 1.08 for bold).
    static func lines(_ text: String, width: Double, scale: Double = 1) -> Int {
        // The cell's padding takes about a digit's width; 3 % to spare for the fonts'
        // differences (Liberation Serif for Times New Roman) and rounding.
        let room = max(1, width - 1) / (scale * 1.03)
        // Cheap exit: no glyph is wider than 1.9 digits a byte ("W" is 1.89, "@" 1.85; every
        // wider glyph takes two bytes or more). It said 1.8 until 6 Dec 2026, so a cell of
        // capitals and "@" could be measured a line short.
        if Double(text.utf8.count) * Self.widestPerByte <= room
            && !text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D })
        {
            return 1
        }
        var lines = 1
        /// The width of the words placed on the current line, and of the word being read.
        var line = 0.0
        var word = 0.0
        var previousCR = false
        for scalar in text.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            if scalar == "\n" || scalar == "\r" {
                if scalar == "\n" && previousCR { continue }
                lines += 1
                line = 0
                word = 0
                continue
            }
            if scalar == " " {
                if word > 0 { line = line == 0 ? word : line + 0.5 + word }
                word = 0
                continue
            }
            let w = Self.width(of: scalar)
            if (line == 0 ? word + w : line + 0.5 + word + w) > room {
                if line > 0 {
                    // The word moves to the next line.
                    lines += 1
                    line = 0
                }
                if word + w > room {
                    // A word wider than the column is broken where the line is full.
                    lines += 1
                    word = 0
                }
            }
            word += w
        }
        return lines
    }
}
