/// Sufficient statistics of one group for every feedback metric: one scan fills it, any metric reads it.
public struct Tally: Sendable, Equatable {
    public var count = 0
    public var npsN = 0
    public var promoters = 0
    public var detractors = 0
    public var csatN = 0
    public var csatTop2 = 0
    public var cesN = 0
    public var cesSum = 0
    public var cesSumOfSquares = 0
    public var cesEasy = 0
    public var buttonN = 0
    public var buttonPositive = 0
    public var buttonNegative = 0
    /// Records with at least one rating (a press, a CSAT or an NPS answer).
    public var rated = 0
    /// Records with a negative rating: a negative press, CSAT 1-2 or NPS 0-6.
    public var negative = 0

    public init() {}

    /// Counts one record. Scores use −1 for "absent"; button is 0 absent, 1 positive, 2 neutral, 3 negative.
    /// Written without branches: scores are unpredictable, and the scan calls this for every row.
    @inlinable
    public mutating func add(nps: Int8, csat: Int8, ces: Int8, button: UInt8) {
        count &+= 1
        let n = Int(nps), c = Int(csat), e = Int(ces), b = Int(button)
        npsN &+= n >= 0 ? 1 : 0
        promoters &+= n >= 9 ? 1 : 0
        detractors &+= (n >= 0) && (n <= 6) ? 1 : 0
        csatN &+= c >= 0 ? 1 : 0
        csatTop2 &+= c >= 4 ? 1 : 0
        let hasCES = e >= 0 ? 1 : 0
        cesN &+= hasCES
        cesSum &+= e &* hasCES
        cesSumOfSquares &+= e &* e &* hasCES
        cesEasy &+= e >= 5 ? 1 : 0
        buttonN &+= b != 0 ? 1 : 0
        buttonPositive &+= b == 1 ? 1 : 0
        buttonNegative &+= b == 3 ? 1 : 0
        rated &+= (n >= 0) || (c >= 0) || (b != 0) ? 1 : 0
        negative &+= ((n >= 0) && (n <= 6)) || ((c >= 1) && (c <= 2)) || (b == 3) ? 1 : 0
    }

    public mutating func merge(_ other: Tally) {
        count += other.count
        npsN += other.npsN
        promoters += other.promoters
        detractors += other.detractors
        csatN += other.csatN
        csatTop2 += other.csatTop2
        cesN += other.cesN
        cesSum += other.cesSum
        cesSumOfSquares += other.cesSumOfSquares
        cesEasy += other.cesEasy
        buttonN += other.buttonN
        buttonPositive += other.buttonPositive
        buttonNegative += other.buttonNegative
        rated += other.rated
        negative += other.negative
    }
}
