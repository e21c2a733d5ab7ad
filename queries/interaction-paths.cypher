// name: interaction-paths
// question: How are two actors connected (shortest chains of claims and memberships)?
// params: actor:actor, other:actor
// example: -p actor=Zakharova -p other=Blinken
// note: All shortest paths of up to 5 hops over claim edges and MEMBER_OF, ignoring direction.
MATCH (x:Actor {id: $actor})
MATCH (y:Actor {id: $other})
MATCH p = allShortestPaths((x)-[:ACCUSES|MEETS|PROPOSES|REJECTS|AGREES|DEMANDS|THREATENS|PROTESTS|SUPPORTS|COOPERATES|AIDS|CONCEDES|RETREATS|SANCTIONS|MOBILIZES|COERCES|ASSAULTS|FIGHTS|INVESTIGATES|MEMBER_OF*..5]-(y))
WHERE x.id <> y.id
WITH [n IN nodes(p) | n.name] AS names, [r IN relationships(p) | type(r)] AS kinds
RETURN size(kinds) AS hops,
       reduce(s = names[0], i IN range(1, size(names) - 1) | s + ' > ' + names[i]) AS actors,
       reduce(s = kinds[0], i IN range(1, size(kinds) - 1) | s + ', ' + kinds[i]) AS relations
ORDER BY hops, actors, relations
// engine: ladybug
MATCH (x:Actor {id: $actor})
MATCH (y:Actor {id: $other})
MATCH p = (x)-[:ACCUSES|MEETS|PROPOSES|REJECTS|AGREES|DEMANDS|THREATENS|PROTESTS|SUPPORTS|COOPERATES|AIDS|CONCEDES|RETREATS|SANCTIONS|MOBILIZES|COERCES|ASSAULTS|FIGHTS|INVESTIGATES|MEMBER_OF* ALL SHORTEST 1..5]-(y)
WHERE x.id <> y.id
WITH list_transform(nodes(p), n -> n.name) AS names, list_transform(rels(p), r -> label(r)) AS kinds
RETURN size(kinds) AS hops, list_to_string(' > ', names) AS actors,
       list_to_string(', ', kinds) AS relations
ORDER BY hops, actors, relations
