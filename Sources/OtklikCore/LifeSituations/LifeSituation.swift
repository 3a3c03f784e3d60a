import Foundation

/// A life (or business) situation of the catalogue (seed 000: services grouped by the situations of a person's life):
/// its names, the signals that reveal it, how many distinct signals within how many days make a detection, and the
/// services that answer it.
public struct LifeSituation: Sendable, Equatable {
    public var code: String
    public var nameRu: String
    public var nameEn: String
    /// The signals are counted within this many days (1-730).
    public var windowDays: Int
    /// This many distinct signals within the window make a detection (1-10).
    public var minSignals: Int
    public var signals: [LifeSituationSignal]
    /// Codes of the services that answer the situation.
    public var services: [String]

    public init(
        code: String, nameRu: String, nameEn: String, windowDays: Int, minSignals: Int, signals: [LifeSituationSignal], services: [String]
    ) {
        self.code = code
        self.nameRu = nameRu
        self.nameEn = nameEn
        self.windowDays = windowDays
        self.minSignals = minSignals
        self.signals = signals
        self.services = services
    }

    public func name(lang: String) -> String { lang == "ru" ? nameRu : nameEn }

    public var window: TimeInterval { TimeInterval(windowDays) * 86_400 }
}
