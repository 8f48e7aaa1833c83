// The viridis colour map (perceptually uniform, readable in grayscale and by colour-blind readers) for heatmaps.

/// Maps a fraction in 0...1 to a viridis colour by linear interpolation between nine reference colours.
public enum Viridis {
    /// Viridis sampled at nine evenly spaced points, dark purple to yellow.
    static let stops: [Color] = [
        Color(hex: 0x440154), Color(hex: 0x472D7B), Color(hex: 0x3B528B), Color(hex: 0x2C728E),
        Color(hex: 0x21908C), Color(hex: 0x27AD81), Color(hex: 0x5DC863), Color(hex: 0xAADC32),
        Color(hex: 0xFDE725),
    ]

    /// The colour at `fraction` (clamped to 0...1); 0 is dark purple, 1 is yellow.
    public static func color(at fraction: Double) -> Color {
        let clamped = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        let position = clamped * Double(stops.count - 1)
        let lowerIndex = min(Int(position), stops.count - 2)
        let weight = position - Double(lowerIndex)
        let lower = stops[lowerIndex], upper = stops[lowerIndex + 1]
        return Color(red: lower.red + (upper.red - lower.red) * weight,
                     green: lower.green + (upper.green - lower.green) * weight,
                     blue: lower.blue + (upper.blue - lower.blue) * weight)
    }
}
