import Foundation
import OtklikCore
import Testing

/// The `overdue_repeat` purchase pattern by hand: purchase occasions are distinct days, the median interval between
/// them (odd and even counts), the lapse strictly beyond factor × median, at least three occasions, purchases after
/// today unseen, and the hysteresis — one firing per lapse, re-armed by the next purchase.
@Suite struct PurchaseLapseTests {
    @Test func theMedianIntervalIsTakenOverDistinctDays() {
        // Intervals 10, 20: an even count, the mean of the middle two = 15.
        #expect(PurchaseLapse.medianInterval([0, 10, 30]) == 15)
        // Intervals 7, 7, 21: the middle one = 7.
        #expect(PurchaseLapse.medianInterval([0, 7, 14, 35]) == 7)
        // Two purchases on day 0 are one occasion: intervals 10, 10, not 0, 10, 10.
        #expect(PurchaseLapse.medianInterval([0, 0, 10, 20]) == 10)
        // Unsorted input is sorted first.
        #expect(PurchaseLapse.medianInterval([30, 0, 10]) == 15)
        #expect(PurchaseLapse.medianInterval([5]) == nil)
        #expect(PurchaseLapse.medianInterval([5, 5]) == nil)
    }

    @Test func aCustomerLapsesStrictlyBeyondFactorTimesTheirMedian() {
        // Median 15, factor 2: 30 days since the last purchase (day 30) is not yet a lapse; 31 is.
        #expect(PurchaseLapse.lapse(purchaseDays: [0, 10, 30], today: 60, factor: 2) == nil)
        #expect(PurchaseLapse.lapse(purchaseDays: [0, 10, 30], today: 61, factor: 2)
            == PurchaseLapse.Lapse(lastDay: 30, occasions: 3, medianInterval: 15, daysSince: 31))
        // Median 7, factor 1.5: beyond 10.5 days, so day 35 + 11 = 46.
        #expect(PurchaseLapse.lapse(purchaseDays: [0, 7, 14, 35], today: 45, factor: 1.5) == nil)
        #expect(PurchaseLapse.lapse(purchaseDays: [0, 7, 14, 35], today: 46, factor: 1.5)?.daysSince == 11)
        // Two occasions (three transactions, two on one day) are not a regular: never a lapse.
        #expect(PurchaseLapse.lapse(purchaseDays: [0, 0, 10], today: 1_000, factor: 2) == nil)
        // A purchase after today is not seen: on day 50 the last occasion is day 20 (median 10, 30 > 20 days).
        #expect(PurchaseLapse.lapse(purchaseDays: [0, 10, 20, 100], today: 50, factor: 2)?.lastDay == 20)
    }

    @Test func aLapseFiresOnceAndTheNextPurchaseReArmsIt() {
        // Purchases on days 0, 10, 20 (median 10, factor 2: a lapse beyond 20 days) and again on day 60.
        var firedFor: Int?
        var firings: [Int] = []
        for today in 0...120 {
            let days = [0, 10, 20] + (today >= 60 ? [60] : [])
            let step = PurchaseLapse.step(firedFor: firedFor, purchaseDays: days, today: today, factor: 2)
            if step.fires { firings.append(today) }
            firedFor = step.firedFor
        }
        // Day 41: 21 days since day 20. Days 42-59 are the same lapse. The purchase on day 60 (intervals 10, 10, 40:
        // median 10) re-arms; day 81 is 21 days after it.
        #expect(firings == [41, 81])
        #expect(firedFor == 60)
    }
}
