// name: interaction-paths
// question: How are two actors connected (shortest chains of claims and memberships)?
// params: actor:actor, other:actor
// example: -p actor=Zakharova -p other=Blinken
// note: All shortest paths of up to 5 hops over claim edges and MEMBER_OF, ignoring direction; one row per chain of actors and relations, with the number of paths (claims) behind it.
MATCH (x:Actor {id: $actor})
MATCH (y:Actor {id: $other})
MATCH p = allShortestPaths((x)-[:ACCUSES|MEETS|PROPOSES|REJECTS|AGREES|DEMANDS|THREATENS|PROTESTS|SUPPORTS|COOPERATES|AIDS|CONCEDES|RETREATS|SANCTIONS|MOBILIZES|COERCES|ASSAULTS|FIGHTS|INVESTIGATES|MEMBER_OF*..5]-(y))
WHERE x.id <> y.id
WITH [n IN nodes(p) | n.name] AS names, [r IN relationships(p) | type(r)] AS kinds
RETURN size(kinds) AS hops,
       reduce(s = names[0], i IN range(1, size(names) - 1) | s + ' > ' + names[i]) AS actors,
       reduce(s = kinds[0], i IN range(1, size(kinds) - 1) | s + ', ' + kinds[i]) AS relations,
       count(*) AS paths
ORDER BY hops, actors, relations
// engine: ladybug
MATCH (x:Actor {id: $actor})
MATCH (y:Actor {id: $other})
MATCH p = (x)-[:ACCUSES|MEETS|PROPOSES|REJECTS|AGREES|DEMANDS|THREATENS|PROTESTS|SUPPORTS|COOPERATES|AIDS|CONCEDES|RETREATS|SANCTIONS|MOBILIZES|COERCES|ASSAULTS|FIGHTS|INVESTIGATES|MEMBER_OF* ALL SHORTEST 1..5]-(y)
WHERE x.id <> y.id
WITH list_transform(nodes(p), n -> n.name) AS names, list_transform(rels(p), r -> label(r)) AS kinds
RETURN size(kinds) AS hops, list_to_string(' > ', names) AS actors,
       list_to_string(', ', kinds) AS relations, count(*) AS paths
ORDER BY hops, actors, relations
// engine: neo4j
MATCH (x:Actor {id: $actor})
MATCH (y:Actor {id: $other})
WHERE x.id <> y.id
MATCH p = shortestPath((x)-[:ACCUSES|MEETS|PROPOSES|REJECTS|AGREES|DEMANDS|THREATENS|PROTESTS|SUPPORTS|COOPERATES|AIDS|CONCEDES|RETREATS|SANCTIONS|MOBILIZES|COERCES|ASSAULTS|FIGHTS|INVESTIGATES|MEMBER_OF*..5]-(y))
WITH x, y, length(p) AS hops
CALL (x, y, hops) {
  WITH x, y WHERE hops = 1
  UNWIND ['ACCUSES', 'MEETS', 'PROPOSES', 'REJECTS', 'AGREES', 'DEMANDS', 'THREATENS', 'PROTESTS', 'SUPPORTS', 'COOPERATES', 'AIDS', 'CONCEDES', 'RETREATS', 'SANCTIONS', 'MOBILIZES', 'COERCES', 'ASSAULTS', 'FIGHTS', 'INVESTIGATES'] AS kind
  MATCH (t:Tally {key: 'link\u001f' + kind + '\u001f' +
                       CASE WHEN x.id < y.id THEN x.id + '\u001f' + y.id
                            ELSE y.id + '\u001f' + x.id END})
  RETURN [x.name, y.name] AS names, [kind] AS kinds, t.claims AS paths
  UNION ALL
  WITH x, y WHERE hops = 1
  MATCH (x)-[:MEMBER_OF]-(y)
  RETURN [x.name, y.name] AS names, ['MEMBER_OF'] AS kinds, 1 AS paths
  UNION ALL
  WITH x, y WHERE hops > 1
  MATCH p = allShortestPaths((x)-[:ACCUSES|MEETS|PROPOSES|REJECTS|AGREES|DEMANDS|THREATENS|PROTESTS|SUPPORTS|COOPERATES|AIDS|CONCEDES|RETREATS|SANCTIONS|MOBILIZES|COERCES|ASSAULTS|FIGHTS|INVESTIGATES|MEMBER_OF*..5]-(y))
  RETURN [n IN nodes(p) | n.name] AS names, [r IN relationships(p) | type(r)] AS kinds, 1 AS paths
}
WITH size(kinds) AS hops,
     reduce(s = names[0], i IN range(1, size(names) - 1) | s + ' > ' + names[i]) AS actors,
     reduce(s = kinds[0], i IN range(1, size(kinds) - 1) | s + ', ' + kinds[i]) AS relations,
     paths
RETURN hops, actors, relations, sum(paths) AS paths
ORDER BY hops, actors, relations
