// name: meet-and-accuse
// question: Which actors both meet and accuse each other?
// params: mutual:bool=false
// example: -p mutual=true
// note: Pairs that met at least once and where at least one accused the other (both, with mutual=true).
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
