// One process-wide lock around Cairo and Pango text work (measuring, drawing, and finishing PDF and
// SVG surfaces, which subset fonts): FreeType faces are shared between threads through Pango's and
// Cairo's font caches and are not safe to use from two threads at once ("error occurred in
// libfreetype" when figures were rendered on several threads together).
import Foundation

/// Serialises text rendering across threads; re-entrant, so a locked call may call another.
public enum TextRenderingLock {
    private static let lock = NSRecursiveLock()

    /// Runs `body` while holding the lock.
    public static func run<Result>(_ body: () throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
