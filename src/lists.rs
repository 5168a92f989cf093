//! Many short lists in two flat arrays (compressed sparse rows).
//!
//! A case's indexes hold a list per claim or per term, most of them short
//! or empty: a `Vec` each would spend a 24-byte header and an allocation
//! on every one. [`Lists`] keeps one array of starts and one of items.

/// Many lists in one array: list `i` is `items[starts[i]..starts[i + 1]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Lists<T> {
    starts: Vec<usize>,
    items: Vec<T>,
}

impl<T: Copy + Default> Lists<T> {
    /// `len` lists whose entries `keys` counts (the list of each entry to
    /// come, in any order), then filled by `fill_all`, which hands every
    /// entry to the function it is given, with its list, in the order the
    /// lists should hold them (the same entries `keys` counted).
    pub(crate) fn build(
        len: usize,
        keys: impl Iterator<Item = usize>,
        fill_all: impl FnOnce(&mut dyn FnMut(usize, T)),
    ) -> Lists<T> {
        let mut starts = vec![0usize; len + 1];
        for key in keys {
            starts[key + 1] += 1;
        }
        for i in 0..len {
            starts[i + 1] += starts[i];
        }
        let mut next = starts[..len].to_vec();
        let mut items = vec![T::default(); starts[len]];
        fill_all(&mut |key, item| {
            items[next[key]] = item;
            next[key] += 1;
        });
        debug_assert!(next.iter().zip(&starts[1..]).all(|(a, b)| a == b));
        Lists { starts, items }
    }

    /// The lists of `pairs`, each pair split by `split` into its list
    /// (below `len`) and its item; each list holds its items in the pairs'
    /// order.
    pub(crate) fn from_pairs<P>(
        len: usize,
        pairs: &[P],
        split: impl Fn(&P) -> (usize, T),
    ) -> Lists<T> {
        Lists::build(len, pairs.iter().map(|p| split(p).0), |fill| {
            for p in pairs {
                let (list, item) = split(p);
                fill(list, item);
            }
        })
    }

    /// List `i`.
    pub(crate) fn get(&self, i: usize) -> &[T] {
        &self.items[self.starts[i]..self.starts[i + 1]]
    }

    /// The number of lists.
    pub(crate) fn len(&self) -> usize {
        self.starts.len() - 1
    }
}

/// An index (of a claim, a group, a term) as stored in the flat arrays:
/// they hold what is in memory, so there are fewer than 2^32 of each.
pub(crate) fn index32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::Lists;

    #[test]
    fn lists_hold_each_entry_in_its_list_in_order() {
        let pairs = [(2, 'a'), (0, 'b'), (2, 'c'), (0, 'd')];
        let lists = Lists::from_pairs(4, &pairs, |&(key, item)| (key, item));
        assert_eq!(lists.len(), 4);
        assert_eq!(lists.get(0), ['b', 'd']);
        assert_eq!(lists.get(1), [] as [char; 0]);
        assert_eq!(lists.get(2), ['a', 'c']);
        assert_eq!(lists.get(3), [] as [char; 0]);
    }
}
