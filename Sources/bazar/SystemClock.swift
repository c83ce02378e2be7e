import BazarCore
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

enum SystemClock {
    /// The system's local date.
    static func today() -> Day {
        var t = time(nil)
        var tm = tm()
        localtime_r(&t, &tm)
        return Day(year: Int(tm.tm_year) + 1900, month: Int(tm.tm_mon) + 1, day: Int(tm.tm_mday))!
    }
}
