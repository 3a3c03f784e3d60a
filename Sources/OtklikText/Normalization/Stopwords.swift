/// Function words of Russian and English that carry no theme (pronouns, prepositions, auxiliaries, particles).
public enum Stopwords {
    /// Normalised word forms (lower case, ё as е).
    public static let words: Set<String> = Set(
        """
        и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня
        еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь там
        потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже
        себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас
        были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про всего
        них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более
        всегда конечно всю между это эта эти мои наш наши ваш ваша свой свои также просто очень который которая которые
        которых которое весь вся всё бы же ли уже ещё еще лишь именно даже где-то т.е нам вами ими меня мною
        против также кроме среди около вместо ради пока будто либо чтобы очень свой своей своих вообще сегодня вчера
        the a an and or but if then of to in on at by for with about as from into over after before is are was were be
        been being am do does did doing have has had having i me my we our you your he him his she her it its they them
        their this that these those there here what which who whom when where why how all any both each few more most
        other some such no nor not only own same so than too very can will just should now also would could up down out
        off again further once s t don let us one get got go went really even much still well seem seemed seems
        first mainly thing things something anything lot lots way made make makes since ever every because while
        """.split(whereSeparator: \.isWhitespace).map { String($0).replacingOccurrences(of: "ё", with: "е") })
}
