import Testing
@testable import Avro

/// The array that holds a coding state's frames and kept containers.
@Suite struct UnsharedArrayTests {
    final class Marker {}

    @Test func elementsGrowPastTheFirstCapacityAndAreRemovedLastFirst() {
        let array = UnsharedArray<Int>()
        for value in 0..<100 { array.append(value) }
        #expect(array.count == 100)
        #expect(Array(array) == Array(0..<100))
        array[42] += 1000
        #expect(array[42] == 1042)
        #expect(array.removeLast() == 99)
        #expect(array.removeLast() == 98)
        #expect(array.count == 98)
        array.removeAll()
        #expect(array.isEmpty)
        array.append(7)
        #expect(Array(array) == [7])
    }

    @Test func removedElementsAndTheStorageReleaseWhatTheyHold() {
        weak var removedLast: Marker?
        weak var removedWithAll: Marker?
        weak var heldAtTheEnd: Marker?
        do {
            let array = UnsharedArray<Marker?>()
            for _ in 0..<40 { array.append(Marker()) }
            removedWithAll = array[3]
            removedLast = array[39]
            array.removeLast()
            #expect(removedLast == nil)
            array.removeAll()
            #expect(removedWithAll == nil)
            array.append(Marker())
            heldAtTheEnd = array[0]
            #expect(heldAtTheEnd != nil)
        }
        #expect(heldAtTheEnd == nil)
    }
}
