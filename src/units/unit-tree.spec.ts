import { Unit } from './entities/unit.entity';
import { inTreeOrder } from './unit-tree';

const unit = (id: string, name: string, kind: Unit['kind'], parent?: Unit): Unit =>
  ({
    id,
    name,
    kind,
    parentId: parent?.id ?? null,
    path: `${parent?.path ?? '/'}${id}/`,
    createdAt: new Date(0),
  }) as Unit;

describe(inTreeOrder.name, () => {
  const bureau = unit('b', '区信访局', 'bureau');
  const street = unit('s', '甲街道', 'street', bureau);
  const office = unit('o', '办公室', 'office', bureau);
  const community = unit('c', '一社区', 'office', street);

  it('should put every unit right after its parent, offices before streets', () => {
    const order = inTreeOrder([community, street, office, bureau]).map((u) => [u.id, u.depth]);
    expect(order).toEqual([
      ['b', 0],
      ['o', 1],
      ['s', 1],
      ['c', 2],
    ]);
  });

  it('should start from the top of a subtree when its parent is not listed', () => {
    expect(inTreeOrder([community, street]).map((u) => u.id)).toEqual(['s', 'c']);
  });
});
