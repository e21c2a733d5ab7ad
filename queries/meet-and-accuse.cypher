// name: meet-and-accuse
// question: Which actors both meet and accuse each other?
// params: mutual:bool=false, limit:int=100
// example: -p mutual=true
// note: Pairs that met at least once and where at least one accused the other (both, with mutual=true); most meetings first.
MATCH (x:Actor)-[m:MEETS]-(y:Actor)
WHERE x.id < y.id
WITH x, y, count(m) AS meetings
OPTIONAL MATCH (x)-[a1:ACCUSES]->(y)
WITH x, y, meetings, count(a1) AS x_accuses_y
OPTIONAL MATCH (y)-[a2:ACCUSES]->(x)
WITH x, y, meetings, x_accuses_y, count(a2) AS y_accuses_x
WHERE x_accuses_y + y_accuses_x > 0 AND (NOT $mutual OR (x_accuses_y > 0 AND y_accuses_x > 0))
RETURN x.name AS actor, y.name AS other, meetings, x_accuses_y, y_accuses_x
ORDER BY meetings DESC, actor, other
LIMIT $limit
// engine: neo4j
MATCH (m:Tally)
WHERE m.level = 'link' AND m.type = 'MEETS' AND m.claims > 0
OPTIONAL MATCH (xy:Tally {key: 'pair\u001fACCUSES\u001f' + m.src + '\u001f' + m.dst})
OPTIONAL MATCH (yx:Tally {key: 'pair\u001fACCUSES\u001f' + m.dst + '\u001f' + m.src})
WITH m, coalesce(xy.claims, 0) AS x_accuses_y, coalesce(yx.claims, 0) AS y_accuses_x
WHERE x_accuses_y + y_accuses_x > 0 AND (NOT $mutual OR (x_accuses_y > 0 AND y_accuses_x > 0))
MATCH (x:Actor {id: m.src})
MATCH (y:Actor {id: m.dst})
WITH x, y, m, x_accuses_y, y_accuses_x
ORDER BY m.level DESC, m.type DESC, m.claims DESC, x.name, y.name
LIMIT $limit
RETURN x.name AS actor, y.name AS other, m.claims AS meetings, x_accuses_y, y_accuses_x
ORDER BY meetings DESC, actor, other
