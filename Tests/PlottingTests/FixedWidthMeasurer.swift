// A deterministic text measurer for layout tests: every character is 0.55 em wide, lines are 1.2 em tall.

import Plotting

/// Measures markup without fonts, so layout tests do not depend on installed fonts or Pango.
struct FixedWidthMeasurer: TextMeasuring {
    func size(ofMarkup markup: String, font: Font) -> Size {
        var visible = 0
        var insideTag = false
        var insideEntity = false
        for character in markup {
            switch character {
            case "<": insideTag = true
            case ">": insideTag = false
            case "&" where !insideTag: insideEntity = true; visible += 1
            case ";" where insideEntity: insideEntity = false
            default: if !insideTag && !insideEntity { visible += 1 }
            }
        }
        return Size(width: Double(visible) * 0.55 * font.size, height: 1.2 * font.size)
    }
}
