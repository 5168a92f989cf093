//! Abstract argumentation: which claims stand once every attack is weighed.
//!
//! A case becomes a *bipolar* argumentation framework: each current claim is
//! an argument, each contradiction is a pair of mutual attacks, and each
//! `supports` edge is a support. Support is read as **deductive support**
//! (Boella, Gabbay, van der Torre and Villata, "Support in abstract
//! argumentation", COMMA 2010; Cayrol and Lagasquie-Schiex, "Bipolarity in
//! argumentation graphs: towards a better understanding", IJAR 54(7), 2013):
//! if `a` supports `b`, accepting `a` commits one to `b`. The bipolar
//! framework is then flattened into a Dung framework with two kinds of
//! complex attack on top of the direct ones:
//!
//! - *supported attack*: `a` supports (through a chain of supports) `b`, and
//!   `b` attacks `c`, so `a` attacks `c`;
//! - *mediated attack*: `b` supports (through a chain) `c`, and `a` attacks
//!   `c`, so `a` attacks `b`.
//!
//! Because contradictions are symmetric, the two rules together keep the
//! flattened framework symmetric: a supporter joins its side of the quarrel.
//!
//! On the Dung framework ([`Framework`]) we compute the grounded labelling
//! (Dung 1995, and Caminada's labellings) in linear time, and the preferred
//! extensions by exhaustive search, component by component, for components
//! of at most [`PREFERRED_LIMIT`] arguments. Everything here is pure and
//! works on argument indices `0..n`.

use std::collections::BTreeSet;

use crate::lists::Lists;

/// The largest component (in arguments) whose preferred extensions are
/// enumerated. The search is exponential in the worst case; 24 keeps it
/// quick on any component while covering every hand-annotated case we know.
pub const PREFERRED_LIMIT: usize = 24;

/// The most preferred extensions [`Framework::preferred_extensions`] builds
/// by combining components, so that many small independent quarrels cannot
/// multiply into an exponential list.
pub const MAX_COMBINED_EXTENSIONS: usize = 4096;

/// An argument's label in a labelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Label {
    /// Accepted: every attacker is out.
    In,
    /// Rejected: some attacker is in.
    Out,
    /// Neither can be established.
    Undec,
}

impl Label {
    /// The label as written in reports.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Label::In => "in",
            Label::Out => "out",
            Label::Undec => "undec",
        }
    }
}

/// A Dung argumentation framework over arguments `0..n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Framework {
    /// For each argument, the arguments that attack it, sorted.
    attackers: Lists<u32>,
    /// For each argument, the arguments it attacks, sorted.
    targets: Lists<u32>,
}

/// Why preferred extensions were not enumerated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TooLarge {
    /// A connected component has more than [`PREFERRED_LIMIT`] arguments.
    Component {
        /// Its size.
        size: usize,
    },
    /// Combining the components would give more than
    /// [`MAX_COMBINED_EXTENSIONS`] extensions.
    Combinations,
}

/// The preferred extensions of one connected component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComponentExtensions {
    /// The component's arguments, sorted.
    pub arguments: Vec<usize>,
    /// Its preferred extensions (each sorted, the list sorted), or why they
    /// were not enumerated.
    pub preferred: Result<Vec<Vec<usize>>, TooLarge>,
}

impl Framework {
    /// A framework over `n` arguments. Attacks that name an argument outside
    /// `0..n` are ignored; repeated attacks count once.
    #[must_use]
    pub fn new(n: usize, attacks: impl IntoIterator<Item = (usize, usize)>) -> Framework {
        let attacks = attacks
            .into_iter()
            .filter(|&(from, to)| from < n && to < n)
            .filter_map(|(from, to)| Some((argument(from)?, argument(to)?)))
            .collect();
        Framework::of_pairs(n, attacks)
    }

    /// The framework of these attacks, all between arguments below `n`,
    /// in any order and possibly repeated. Every list is in two flat
    /// arrays: a case of a million claims has a million lists, most of
    /// them empty.
    fn of_pairs(n: usize, mut attacks: Vec<(u32, u32)>) -> Framework {
        attacks.sort_unstable();
        attacks.dedup();
        let targets = Lists::from_pairs(n, &attacks, |&(from, to)| (from as usize, to));
        // In (attacker, attacked) order, each argument's attackers come
        // sorted.
        let attackers = Lists::from_pairs(n, &attacks, |&(from, to)| (to as usize, from));
        Framework { attackers, targets }
    }

    /// The number of arguments.
    #[must_use]
    pub fn len(&self) -> usize {
        self.attackers.len()
    }

    /// True when there are no arguments.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every attack, sorted.
    #[must_use]
    pub fn attacks(&self) -> Vec<(usize, usize)> {
        (0..self.len())
            .flat_map(|from| {
                self.targets
                    .get(from)
                    .iter()
                    .map(move |&to| (from, to as usize))
            })
            .collect()
    }

    /// The arguments that attack `argument`, sorted.
    #[must_use]
    pub fn attackers(&self, argument: usize) -> &[u32] {
        if argument < self.len() {
            self.attackers.get(argument)
        } else {
            &[]
        }
    }

    /// The same framework with every attack on `arguments` removed, which
    /// makes them unattackable: the way to take a claim as established.
    #[must_use]
    pub fn without_attacks_on(&self, arguments: &BTreeSet<usize>) -> Framework {
        Framework::new(
            self.len(),
            self.attacks()
                .into_iter()
                .filter(|(_, to)| !arguments.contains(to)),
        )
    }

    /// The grounded labelling: the least complete labelling, computed by
    /// propagation from the unattacked arguments.
    #[must_use]
    pub fn grounded(&self) -> Vec<Label> {
        let n = self.len();
        let mut label: Vec<Option<Label>> = vec![None; n];
        // Attackers not yet labelled out; an argument is in when it reaches 0.
        let mut live: Vec<usize> = (0..n).map(|a| self.attackers.get(a).len()).collect();
        let mut queue: Vec<usize> = (0..n).filter(|&a| live[a] == 0).collect();
        for &a in &queue {
            label[a] = Some(Label::In);
        }
        while let Some(a) = queue.pop() {
            for &target in self.targets.get(a) {
                let target = target as usize;
                if label[target].is_some() {
                    continue;
                }
                label[target] = Some(Label::Out);
                for &next in self.targets.get(target) {
                    let next = next as usize;
                    live[next] -= 1;
                    if live[next] == 0 && label[next].is_none() {
                        label[next] = Some(Label::In);
                        queue.push(next);
                    }
                }
            }
        }
        label
            .into_iter()
            .map(|l| l.unwrap_or(Label::Undec))
            .collect()
    }

    /// The weakly connected components that hold at least one attack, each
    /// sorted, in order of their smallest argument. Arguments with no attack
    /// either way are in every extension and are left out.
    #[must_use]
    pub fn components(&self) -> Vec<Vec<usize>> {
        let n = self.len();
        let mut seen = vec![false; n];
        let mut components = Vec::new();
        for start in 0..n {
            if seen[start]
                || (self.attackers.get(start).is_empty() && self.targets.get(start).is_empty())
            {
                continue;
            }
            let mut component = Vec::new();
            let mut stack = vec![start];
            seen[start] = true;
            while let Some(a) = stack.pop() {
                component.push(a);
                for &b in self.attackers.get(a).iter().chain(self.targets.get(a)) {
                    let b = b as usize;
                    if !seen[b] {
                        seen[b] = true;
                        stack.push(b);
                    }
                }
            }
            component.sort_unstable();
            components.push(component);
        }
        components
    }

    /// The preferred extensions of each component that holds an attack.
    /// Components over `limit` arguments (at most [`PREFERRED_LIMIT`]) are
    /// reported as [`TooLarge::Component`].
    #[must_use]
    pub fn preferred_by_component(&self, limit: usize) -> Vec<ComponentExtensions> {
        let limit = limit.min(PREFERRED_LIMIT);
        self.components()
            .into_iter()
            .map(|arguments| {
                let preferred = if arguments.len() > limit {
                    Err(TooLarge::Component {
                        size: arguments.len(),
                    })
                } else {
                    Ok(self.component_preferred(&arguments))
                };
                ComponentExtensions {
                    arguments,
                    preferred,
                }
            })
            .collect()
    }

    /// Every preferred extension of the whole framework, sorted: the
    /// combinations of the components' extensions, plus the arguments that
    /// no attack touches.
    ///
    /// # Errors
    /// [`TooLarge`] when a component is over [`PREFERRED_LIMIT`] or the
    /// combinations would be over [`MAX_COMBINED_EXTENSIONS`].
    pub fn preferred_extensions(&self) -> Result<Vec<Vec<usize>>, TooLarge> {
        let components = self.preferred_by_component(PREFERRED_LIMIT);
        let mut in_component = vec![false; self.len()];
        for c in &components {
            for &a in &c.arguments {
                in_component[a] = true;
            }
        }
        let free: Vec<usize> = (0..self.len()).filter(|&a| !in_component[a]).collect();
        let mut combined: Vec<Vec<usize>> = vec![free];
        for component in components {
            let extensions = component.preferred?;
            if combined.len().saturating_mul(extensions.len()) > MAX_COMBINED_EXTENSIONS {
                return Err(TooLarge::Combinations);
            }
            combined = combined
                .iter()
                .flat_map(|base| {
                    extensions.iter().map(move |ext| {
                        let mut set: Vec<usize> = base.iter().chain(ext).copied().collect();
                        set.sort_unstable();
                        set
                    })
                })
                .collect();
        }
        combined.sort();
        Ok(combined)
    }

    /// Preferred extensions of one component of at most 32 arguments.
    fn component_preferred(&self, arguments: &[usize]) -> Vec<Vec<usize>> {
        debug_assert!(arguments.len() <= 32);
        let local = |a: usize| arguments.binary_search(&a).ok();
        let mut attackers_mask = vec![0u32; arguments.len()];
        let mut targets_mask = vec![0u32; arguments.len()];
        for (i, &a) in arguments.iter().enumerate() {
            for &b in self.attackers.get(a) {
                if let Some(j) = local(b as usize) {
                    attackers_mask[i] |= 1 << j;
                }
            }
            for &b in self.targets.get(a) {
                if let Some(j) = local(b as usize) {
                    targets_mask[i] |= 1 << j;
                }
            }
        }
        let search = Search {
            attackers: &attackers_mask,
            targets: &targets_mask,
            all: if arguments.len() == 32 {
                u32::MAX
            } else {
                (1u32 << arguments.len()) - 1
            },
        };
        // Self-attacking arguments can never be in.
        let self_attacking = (0..arguments.len())
            .filter(|&i| attackers_mask[i] & (1 << i) != 0)
            .fold(0u32, |acc, i| acc | (1 << i));
        let mut maximal: Vec<u32> = Vec::new();
        search.visit(
            Labels {
                in_: 0,
                out: 0,
                must_out: 0,
                undec: self_attacking,
            },
            &mut maximal,
        );
        let mut extensions: Vec<Vec<usize>> = maximal
            .into_iter()
            .map(|mask| {
                (0..arguments.len())
                    .filter(|&i| mask & (1 << i) != 0)
                    .map(|i| arguments[i])
                    .collect()
            })
            .collect();
        extensions.sort();
        extensions
    }
}

/// A partial labelling of a component, as bit masks; arguments in none of
/// the masks are still blank.
#[derive(Clone, Copy)]
struct Labels {
    in_: u32,
    out: u32,
    /// Attack an argument that is in, so must end up out.
    must_out: u32,
    undec: u32,
}

/// The labelling search for preferred extensions of Nofal, Atkinson and
/// Dunne ("Algorithms for decision problems in argument systems under
/// preferred semantics", Artificial Intelligence 207, 2014): each blank
/// argument is tried in, then undecided; a branch dies when an argument that
/// must be out has no blank attacker left, or when it cannot grow beyond an
/// extension already found.
struct Search<'a> {
    attackers: &'a [u32],
    targets: &'a [u32],
    all: u32,
}

impl Search<'_> {
    fn visit(&self, labels: Labels, found: &mut Vec<u32>) {
        let blank = self.all & !(labels.in_ | labels.out | labels.must_out | labels.undec);
        let mut must_out = labels.must_out;
        while must_out != 0 {
            let i = must_out.trailing_zeros() as usize;
            must_out &= must_out - 1;
            if self.attackers[i] & blank == 0 {
                return;
            }
        }
        let reachable = labels.in_ | blank;
        if found.iter().any(|&e| reachable & !e == 0) {
            return;
        }
        if blank == 0 {
            // No argument must be out any more (checked above), so the in
            // set is admissible, and it is inside no extension found so far.
            found.retain(|&e| e & !labels.in_ != 0);
            found.push(labels.in_);
            return;
        }
        // Prefer an argument that can discharge a must-out obligation.
        let attacks_must_out = (0..self.targets.len())
            .find(|&i| blank & (1 << i) != 0 && self.targets[i] & labels.must_out != 0);
        let chosen = attacks_must_out.unwrap_or(blank.trailing_zeros() as usize);
        let bit = 1u32 << chosen;
        let out = labels.out | self.targets[chosen];
        self.visit(
            Labels {
                in_: labels.in_ | bit,
                out,
                must_out: (labels.must_out | self.attackers[chosen]) & !out,
                undec: labels.undec & !out,
            },
            found,
        );
        self.visit(
            Labels {
                undec: labels.undec | bit,
                ..labels
            },
            found,
        );
    }
}

/// A bipolar framework: attacks and supports over arguments `0..n`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bipolar {
    /// The number of arguments.
    pub n: usize,
    /// Direct attacks `(attacker, attacked)`.
    pub attacks: Vec<(usize, usize)>,
    /// Supports `(supporter, supported)`.
    pub supports: Vec<(usize, usize)>,
}

impl Bipolar {
    /// The Dung framework with the direct, supported and mediated attacks
    /// (see the module documentation).
    #[must_use]
    pub fn flatten(&self) -> Framework {
        self.flatten_within(usize::MAX).0
    }

    /// [`Bipolar::flatten`], unless deriving the supported and mediated
    /// attacks takes more than `budget` steps (followed supports plus
    /// derived attacks): chains of support in a dense case derive attacks
    /// in the square of its claims. Then the framework of the direct
    /// attacks alone, and `false`.
    #[must_use]
    pub fn flatten_within(&self, budget: usize) -> (Framework, bool) {
        let n = self.n;
        let within = |pairs: &[(usize, usize)]| -> Vec<(u32, u32)> {
            pairs
                .iter()
                .filter(|&&(from, to)| from < n && to < n)
                .filter_map(|&(from, to)| Some((argument(from)?, argument(to)?)))
                .collect()
        };
        let mut attacks = within(&self.attacks);
        let supported_by = Lists::from_pairs(n, &within(&self.supports), |&(from, to)| {
            (from as usize, to)
        });
        let targets_of = Lists::from_pairs(n, &attacks, |&(from, to)| (from as usize, to));
        let attackers_of = Lists::from_pairs(n, &attacks, |&(from, to)| (to as usize, from));
        // For each argument, what it supports through a chain of supports.
        // Only arguments that support something are searched. `seen[b] ==
        // a` marks `b` as reached from `a`.
        let mut steps = 0usize;
        let mut seen = vec![usize::MAX; n];
        let mut reached: Vec<u32> = Vec::new();
        let mut stack: Vec<u32> = Vec::new();
        let direct = attacks.len();
        for a in (0..n).filter(|&a| !supported_by.get(a).is_empty()) {
            reached.clear();
            stack.clear();
            stack.extend_from_slice(supported_by.get(a));
            while let Some(b) = stack.pop() {
                steps += 1;
                if steps > budget {
                    break;
                }
                if seen[b as usize] != a {
                    seen[b as usize] = a;
                    reached.push(b);
                    stack.extend_from_slice(supported_by.get(b as usize));
                }
            }
            let a32 = argument(a).unwrap_or(u32::MAX);
            for &b in &reached {
                let (targets, attackers) =
                    (targets_of.get(b as usize), attackers_of.get(b as usize));
                steps += targets.len() + attackers.len();
                // Supported attack: a supports b, b attacks c.
                attacks.extend(targets.iter().map(|&c| (a32, c)));
                // Mediated attack: a supports b, c attacks b.
                attacks.extend(attackers.iter().map(|&c| (c, a32)));
            }
            if steps > budget {
                attacks.truncate(direct);
                return (Framework::of_pairs(n, attacks), false);
            }
        }
        (Framework::of_pairs(n, attacks), true)
    }
}

/// An argument's index as stored in a [`Framework`]: arguments are claims,
/// and no case that fits in memory has 2^32 of them.
fn argument(index: usize) -> Option<u32> {
    u32::try_from(index).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grounded_in(framework: &Framework) -> Vec<usize> {
        framework
            .grounded()
            .iter()
            .enumerate()
            .filter(|(_, l)| **l == Label::In)
            .map(|(i, _)| i)
            .collect()
    }

    #[test]
    fn nixon_diamond() {
        // Dung 1995: Nixon is a quaker (a), so a pacifist; a republican (b),
        // so not a pacifist. a and b attack each other.
        let af = Framework::new(2, [(0, 1), (1, 0)]);
        assert_eq!(af.grounded(), vec![Label::Undec, Label::Undec]);
        assert_eq!(af.preferred_extensions(), Ok(vec![vec![0], vec![1]]));
    }

    #[test]
    fn odd_cycle() {
        let af = Framework::new(3, [(0, 1), (1, 2), (2, 0)]);
        assert_eq!(af.grounded(), vec![Label::Undec; 3]);
        assert_eq!(af.preferred_extensions(), Ok(vec![vec![]]));
    }

    #[test]
    fn even_cycle() {
        let af = Framework::new(4, [(0, 1), (1, 2), (2, 3), (3, 0)]);
        assert_eq!(af.grounded(), vec![Label::Undec; 4]);
        assert_eq!(af.preferred_extensions(), Ok(vec![vec![0, 2], vec![1, 3]]));
    }

    #[test]
    fn chain_reinstates() {
        // a -> b -> c: a defends c.
        let af = Framework::new(3, [(0, 1), (1, 2)]);
        assert_eq!(af.grounded(), vec![Label::In, Label::Out, Label::In]);
        assert_eq!(af.preferred_extensions(), Ok(vec![vec![0, 2]]));
    }

    #[test]
    fn floating_reinstatement() {
        // a <-> b, both attack c, c attacks d: d is in every preferred
        // extension but not in the grounded one.
        let af = Framework::new(4, [(0, 1), (1, 0), (0, 2), (1, 2), (2, 3)]);
        assert_eq!(grounded_in(&af), Vec::<usize>::new());
        assert_eq!(af.preferred_extensions(), Ok(vec![vec![0, 3], vec![1, 3]]));
    }

    #[test]
    fn self_attack_is_never_in() {
        let af = Framework::new(2, [(0, 0), (0, 1)]);
        assert_eq!(af.grounded(), vec![Label::Undec, Label::Undec]);
        assert_eq!(af.preferred_extensions(), Ok(vec![vec![]]));
    }

    #[test]
    fn deductive_support_joins_the_quarrel() {
        // 0 and 1 contradict; 2 supports 0. Supported attack 2 -> 1 and
        // mediated attack 1 -> 2.
        let bipolar = Bipolar {
            n: 3,
            attacks: vec![(0, 1), (1, 0)],
            supports: vec![(2, 0)],
        };
        let af = bipolar.flatten();
        assert_eq!(af.attacks(), vec![(0, 1), (1, 0), (1, 2), (2, 1)]);
        assert_eq!(af.preferred_extensions(), Ok(vec![vec![0, 2], vec![1]]));
    }

    #[test]
    fn support_chains_propagate() {
        // 3 supports 2 supports 0; 0 and 1 contradict.
        let bipolar = Bipolar {
            n: 4,
            attacks: vec![(0, 1), (1, 0)],
            supports: vec![(2, 0), (3, 2)],
        };
        let af = bipolar.flatten();
        assert!(af.attacks().contains(&(3, 1)));
        assert!(af.attacks().contains(&(1, 3)));
    }

    #[test]
    fn too_large_components_are_refused() {
        let n = PREFERRED_LIMIT + 1;
        let af = Framework::new(n, (0..n).map(|i| (i, (i + 1) % n)));
        let components = af.preferred_by_component(PREFERRED_LIMIT);
        assert_eq!(components.len(), 1);
        assert_eq!(
            components[0].preferred,
            Err(TooLarge::Component { size: n })
        );
        assert_eq!(af.grounded(), vec![Label::Undec; n]);
    }

    #[test]
    fn assuming_removes_attacks_on_the_claim() {
        let af = Framework::new(2, [(0, 1), (1, 0)]);
        let assumed = af.without_attacks_on(&BTreeSet::from([1]));
        assert_eq!(assumed.grounded(), vec![Label::Out, Label::In]);
    }

    /// The flattening by its definition: for each argument, every argument
    /// reachable through supports, with the supported and mediated attacks
    /// they derive, counting steps as [`Bipolar::flatten_within`] does.
    fn flatten_by_definition(bipolar: &Bipolar, budget: usize) -> (Vec<(usize, usize)>, bool) {
        let n = bipolar.n;
        let inside = |&&(a, b): &&(usize, usize)| a < n && b < n;
        let direct: BTreeSet<(usize, usize)> =
            bipolar.attacks.iter().filter(inside).copied().collect();
        let supports: Vec<(usize, usize)> =
            bipolar.supports.iter().filter(inside).copied().collect();
        let mut attacks = direct.clone();
        let mut steps = 0;
        for a in 0..n {
            let mut stack: Vec<usize> = supports.iter().filter(|s| s.0 == a).map(|s| s.1).collect();
            let mut seen = BTreeSet::new();
            while let Some(b) = stack.pop() {
                steps += 1;
                if seen.insert(b) {
                    stack.extend(supports.iter().filter(|s| s.0 == b).map(|s| s.1));
                }
            }
            for &b in &seen {
                for &(x, y) in bipolar.attacks.iter().filter(inside) {
                    if x == b {
                        attacks.insert((a, y));
                        steps += 1;
                    }
                    if y == b {
                        attacks.insert((x, a));
                        steps += 1;
                    }
                }
            }
        }
        if steps > budget {
            return (direct.into_iter().collect(), false);
        }
        (attacks.into_iter().collect(), true)
    }

    proptest::proptest! {
        #[test]
        fn flattening_derives_every_supported_and_mediated_attack(
            n in 1usize..12,
            attacks in proptest::collection::vec((0usize..13, 0usize..13), 0..20),
            supports in proptest::collection::vec((0usize..13, 0usize..13), 0..20),
            budget in proptest::prop_oneof![0usize..40, proptest::strategy::Just(usize::MAX)],
        ) {
            let bipolar = Bipolar { n, attacks, supports };
            let (expected, complete) = flatten_by_definition(&bipolar, budget);
            let (framework, within) = bipolar.flatten_within(budget);
            proptest::prop_assert_eq!(framework.attacks(), expected.clone());
            proptest::prop_assert_eq!(within, complete);
            for b in 0..n {
                let attackers: Vec<usize> =
                    expected.iter().filter(|e| e.1 == b).map(|e| e.0).collect();
                let stored: Vec<usize> =
                    framework.attackers(b).iter().map(|&a| a as usize).collect();
                proptest::prop_assert_eq!(stored, attackers);
            }
        }
    }
}
