/**
 * A person's notifications: the list, the number unread (for the header), and
 * marking them read. Only the person's own notifications, ever.
 */
import { NotFoundError, UnauthenticatedError } from '../../domain/errors.js';
import { isUuid } from '../../domain/ids.js';
import type { Actor } from '../accounts/actor.js';
import type { UnitOfWork } from '../unit-of-work.js';
import type { Notification } from './notification.repository.js';

export class NotificationService {
  constructor(private readonly uow: UnitOfWork) {}

  async list(actor: Actor): Promise<Notification[]> {
    return this.uow.read(({ notifications }) => notifications.listOf(userOf(actor)));
  }

  /** The number of unread notifications of a logged-in person (for the header of each page). */
  async unreadOf(userId: string): Promise<number> {
    return this.uow.read(({ notifications }) => notifications.unreadCount(userId));
  }

  /** Marks one notification read (404 when it is not the person's), or all of them. */
  async markRead(actor: Actor, id: string | 'all'): Promise<number> {
    const userId = userOf(actor);
    if (id !== 'all' && !isUuid(id)) throw new NotFoundError('Bericht', id);
    return this.uow.write(async ({ notifications }) => {
      if (id === 'all') return notifications.markRead(userId);
      if (!(await notifications.isOwn(userId, id))) throw new NotFoundError('Bericht', id);
      return notifications.markRead(userId, id);
    });
  }
}

function userOf(actor: Actor): string {
  if (actor.kind !== 'user') throw new UnauthenticatedError('Log in om uw berichten te zien');
  return actor.userId;
}
